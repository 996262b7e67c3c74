import { Plus } from 'lucide-react';
import { createRouterTokenRequestSchema } from '../../../../shared/api/router-tokens.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { SecretFormDialog } from '@/components/secret-form-dialog';
import { useCreateRouterToken } from '../api/create-router-token.ts';

export function CreateRouterTokenDialog({ org, namespace, graph }: { org: string; namespace: string; graph: string }) {
  return (
    <SecretFormDialog
      className="max-w-lg"
      trigger={
        <>
          <Plus aria-hidden />
          Create router token
        </>
      }
      title={`Create a router token for ${graph}`}
      description="Routers use it to fetch this graph's config and follow its changes."
      schema={createRouterTokenRequestSchema}
      values={(form) => ({ name: form.get('name') })}
      mutation={useCreateRouterToken(org, namespace, graph)}
      submitLabel="Create token"
      fields={(errors) => (
        <Field label="Name" error={errors.name} hint="Which router uses it, e.g. “staging eu-west”.">
          <Input name="name" maxLength={100} autoFocus required />
        </Field>
      )}
      secret={(created) => ({
        title: `Router token “${created.routerToken.name}” created`,
        description: (
          <>
            Start a router with <code className="font-mono">SWITCHYARD_ROUTER_TOKEN</code> set to it; it fetches{' '}
            <code className="font-mono">{graphPaths.routerConfig}</code> for {graph}.
          </>
        ),
        warning: 'Copy the token now. It is stored hashed and will not be shown again.',
        label: 'Router token',
        value: created.token,
      })}
    />
  );
}
