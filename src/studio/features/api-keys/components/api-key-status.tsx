import type { ApiKey } from '../../../../shared/api/organizations.ts';
import { Badge } from '@/components/ui/badge';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export function apiKeyStatus(key: ApiKey, now: number = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const variants = { active: 'success', revoked: 'danger', expired: 'warning' } as const;

export function ApiKeyStatusBadge({ status }: { status: ApiKeyStatus }) {
  return (
    <Badge variant={variants[status]} dot data-status={status}>
      {status}
    </Badge>
  );
}
