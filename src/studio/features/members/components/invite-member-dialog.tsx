import { useState } from 'react';
import { UserPlus } from 'lucide-react';
import { inviteMemberRequestSchema } from '../../../../shared/api/organizations.ts';
import type { Role } from '../../../../shared/roles.ts';
import { formatRelative } from '@/lib/format';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { RoleSelect } from '@/components/role-select';
import { SecretFormDialog } from '@/components/secret-form-dialog';
import { useInviteMember } from '../api/invite-member.ts';

/** There is no mail server: the admin passes the one-time link on themselves. */
export function InviteMemberDialog({ org }: { org: { slug: string; name: string } }) {
  const [role, setRole] = useState<Role>('developer');
  return (
    <SecretFormDialog
      trigger={
        <>
          <UserPlus aria-hidden />
          Invite member
        </>
      }
      title={`Invite a member to ${org.name}`}
      description="You get a one-time link to pass on; no email is sent."
      schema={inviteMemberRequestSchema}
      values={(form) => ({ email: form.get('email'), role })}
      mutation={useInviteMember(org.slug)}
      onReset={() => setRole('developer')}
      submitLabel="Create invitation"
      fields={(errors) => (
        <>
          <Field label="Email" error={errors.email}>
            <Input name="email" type="email" placeholder="name@company.com" autoFocus required />
          </Field>
          <Field label="Role" error={errors.role}>
            <RoleSelect value={role} onValueChange={setRole} describe />
          </Field>
        </>
      )}
      secret={(created) => ({
        title: 'Invitation created',
        description: `Send this link to ${created.invitation.email}. It works once and expires ${formatRelative(created.invitation.expiresAt)}. It is shown only now.`,
        label: 'Invitation link',
        value: new URL(created.acceptPath, window.location.origin).href,
        closeLabel: 'Done',
      })}
    />
  );
}
