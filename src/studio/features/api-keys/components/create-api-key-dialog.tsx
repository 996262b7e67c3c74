import { useState } from 'react';
import { Plus } from 'lucide-react';
import { createApiKeyRequestSchema } from '../../../../shared/api/organizations.ts';
import type { Role } from '../../../../shared/roles.ts';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { RoleSelect } from '@/components/role-select';
import { SecretFormDialog } from '@/components/secret-form-dialog';
import { useCreateApiKey } from '../api/create-api-key.ts';

/** An empty box means "never expires"; anything else must be a whole number of days. */
function parseDays(raw: FormDataEntryValue | null): number | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  return text === '' ? null : Number(text);
}

export function CreateApiKeyDialog({ org }: { org: { slug: string; name: string } }) {
  const [role, setRole] = useState<Role>('developer');
  return (
    <SecretFormDialog
      trigger={
        <>
          <Plus aria-hidden />
          Create API key
        </>
      }
      title={`Create an API key for ${org.name}`}
      description="For the CLI and CI pipelines. The key acts with the role you give it."
      schema={createApiKeyRequestSchema}
      values={(form) => ({ name: form.get('name'), role, expiresInDays: parseDays(form.get('expiresInDays')) })}
      mutation={useCreateApiKey(org.slug)}
      onReset={() => setRole('developer')}
      submitLabel="Create key"
      fields={(errors) => (
        <>
          <Field label="Name" error={errors.name} hint="What uses it, e.g. “GitHub Actions deploy”.">
            <Input name="name" maxLength={100} autoFocus required />
          </Field>
          <Field label="Role" error={errors.role}>
            <RoleSelect value={role} onValueChange={setRole} describe />
          </Field>
          <Field label="Expires after (days)" error={errors.expiresInDays} hint="Leave empty for a key that does not expire.">
            <Input name="expiresInDays" type="number" inputMode="numeric" min={1} max={3650} placeholder="Never" />
          </Field>
        </>
      )}
      secret={(created) => ({
        title: `API key “${created.apiKey.name}” created`,
        description: (
          <>
            Use it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>, or as SWITCHYARD_API_KEY for the CLI.
          </>
        ),
        warning: 'Copy the key now. It is stored hashed and will not be shown again.',
        label: 'API key',
        value: created.key,
      })}
    />
  );
}
