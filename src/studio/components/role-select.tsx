import type { ComponentProps } from 'react';
import { roleDescriptions, roles, type Role } from '../../shared/roles.ts';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from './ui/select.tsx';

type TriggerProps = Omit<ComponentProps<typeof SelectTrigger>, 'value' | 'onChange' | 'defaultValue' | 'dir'>;

interface RoleSelectProps extends TriggerProps {
  value: Role;
  onValueChange: (role: Role) => void;
  /** Descriptions help when inviting; a table row only needs the names. */
  describe?: boolean;
}

/** Extra props (id, aria-*) go to the trigger, so a <Field> label points at it. */
export function RoleSelect({ value, onValueChange, describe = false, disabled, ...trigger }: RoleSelectProps) {
  return (
    <Select value={value} onValueChange={(next) => onValueChange(next as Role)} disabled={disabled ?? false}>
      <SelectTrigger {...trigger}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {[...roles].reverse().map((role) => (
          <SelectItem key={role} value={role} description={describe ? roleDescriptions[role] : undefined}>
            {role}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
