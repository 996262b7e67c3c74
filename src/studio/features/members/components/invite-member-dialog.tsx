import { useState, type FormEvent } from 'react';
import { UserPlus } from 'lucide-react';
import { inviteMemberRequestSchema, type CreatedInvitation } from '../../../../shared/api/organizations.ts';
import type { Role } from '../../../../shared/roles.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { formatRelative } from '@/lib/format';
import { validate } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretBox } from '@/components/ui/copy-button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { RoleSelect } from '@/components/role-select';
import { useInviteMember } from '../api/invite-member.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

/** There is no mail server: the admin passes the one-time link on themselves. */
export function InviteMemberDialog({ org }: { org: { slug: string; name: string } }) {
  const [role, setRole] = useState<Role>('developer');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invite = useInviteMember(org.slug);
  const { open, onOpenChange, errors, setErrors } = useFormDialog(() => {
    setRole('developer');
    setCreated(null);
    invite.reset();
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(inviteMemberRequestSchema, { email: form.get('email'), role });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    invite.mutate(checked.data, { onSuccess: setCreated, onError: (err) => setErrors(fieldErrors(err)) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlus aria-hidden />
          Invite member
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Invitation created</DialogTitle>
              <DialogDescription>
                Send this link to {created.invitation.email}. It works once and expires{' '}
                {formatRelative(created.invitation.expiresAt)}. It is shown only now.
              </DialogDescription>
            </DialogHeader>
            <SecretBox label="Invitation link" value={new URL(created.acceptPath, window.location.origin).href} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Done</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <form noValidate onSubmit={submit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>Invite a member to {org.name}</DialogTitle>
              <DialogDescription>You get a one-time link to pass on; no email is sent.</DialogDescription>
            </DialogHeader>
            <Field label="Email" error={errors.email}>
              <Input name="email" type="email" placeholder="name@company.com" autoFocus required />
            </Field>
            <Field label="Role" error={errors.role}>
              <RoleSelect value={role} onValueChange={setRole} describe />
            </Field>
            {invite.isError && <Alert variant="error">{errorMessage(invite.error)}</Alert>}
            <FormDialogFooter submitLabel="Create invitation" pending={invite.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
