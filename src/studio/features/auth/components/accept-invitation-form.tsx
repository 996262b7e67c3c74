import { useState, type FormEvent } from 'react';
import type { InvitationPreview, MeResponse } from '../../../../shared/api/auth.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { formatRelative } from '@/lib/format';
import { validate, type FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { RoleBadge } from '@/components/role-badge';
import { useAcceptInvitation } from '../api/accept-invitation.ts';

/** The shared schemas (and zod) load on submit, keeping the invitee's first page small. */
async function check(isNew: boolean, values: unknown) {
  const { acceptInvitationRequestSchema, newPasswordSchema } = await import('../../../../shared/api/auth.ts');
  const schema = isNew ? acceptInvitationRequestSchema.extend({ password: newPasswordSchema }) : acceptInvitationRequestSchema;
  return validate(schema, values);
}

interface AcceptInvitationFormProps {
  token: string;
  invitation: InvitationPreview;
  onSuccess: (me: MeResponse) => void;
}

export function AcceptInvitationForm({ token, invitation, onSuccess }: AcceptInvitationFormProps) {
  const accept = useAcceptInvitation(token);
  const [errors, setErrors] = useState<FieldErrors>({});
  const isNew = !invitation.accountExists;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = form.get('password');
    const values = isNew ? { name: form.get('name') || undefined, password } : { password };
    const checked = await check(isNew, values);
    if (!checked.ok) return setErrors(checked.errors);
    if (isNew && form.get('confirm') !== password) return setErrors({ confirm: 'The passwords do not match' });
    setErrors({});
    accept.mutate(checked.data, { onSuccess, onError: (err) => setErrors(fieldErrors(err)) });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Join {invitation.organization.name}</CardTitle>
        <CardDescription>
          You were invited as <RoleBadge role={invitation.role} className="align-middle" /> · the link expires{' '}
          {formatRelative(invitation.expiresAt)}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
          <Field label="Email">
            <Input name="email" type="email" value={invitation.email} readOnly autoComplete="username" className="bg-surface" />
          </Field>
          {isNew ? (
            <>
              <Field label="Your name" error={errors.name} hint="Optional; shown to other members.">
                <Input name="name" autoComplete="name" maxLength={100} autoFocus />
              </Field>
              <Field label="New password" error={errors.password} hint="At least 12 characters.">
                <Input name="password" type="password" autoComplete="new-password" required />
              </Field>
              <Field label="Repeat the password" error={errors.confirm}>
                <Input name="confirm" type="password" autoComplete="new-password" required />
              </Field>
            </>
          ) : (
            <Field
              label="Your current password"
              error={errors.password}
              hint="You already have an account; confirm it is you to join."
            >
              <Input name="password" type="password" autoComplete="current-password" autoFocus required />
            </Field>
          )}
          {accept.isError && <Alert variant="error">{errorMessage(accept.error)}</Alert>}
          <Button type="submit" loading={accept.isPending} className="w-full">
            {isNew ? 'Create account and join' : 'Join organization'}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
