import { useParams } from 'react-router';
import type { OrganizationMembership } from '../../shared/api/auth.ts';
import { useMe } from '@/features/auth/api/get-me';

export interface CurrentOrg extends OrganizationMembership {
  /** Display only (which controls to offer); the server checks every request itself. */
  isAdmin: boolean;
}

/**
 * The organization in the URL with the caller's role in it. Only used below /o/:org,
 * whose loader has already checked membership, so a miss is a bug, not a state.
 */
export function useCurrentOrg(): CurrentOrg {
  const { org: slug } = useParams();
  const { data: me } = useMe();
  const org = me?.organizations.find((o) => o.slug === slug);
  if (!org) throw new Error(`Organization "${slug}" is not among yours`);
  return { ...org, isAdmin: org.role === 'admin' };
}
