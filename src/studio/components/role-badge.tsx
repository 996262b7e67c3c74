import type { Role } from '../../shared/roles.ts';
import { Badge } from './ui/badge.tsx';

const variants = { admin: 'violet', developer: 'info', viewer: 'neutral' } as const;

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={variants[role]} className={className} data-role={role}>
      {role}
    </Badge>
  );
}
