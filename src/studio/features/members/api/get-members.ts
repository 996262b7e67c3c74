import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MemberList } from '../../../../shared/api/organizations.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';

export const membersQueryKey = (org: string) => ['orgs', org, 'members'] as const;

export const getMembers = (org: string, signal?: AbortSignal) => api.get<MemberList>(apiPaths.members(org), signal);

export const getMembersQueryOptions = (org: string) =>
  queryOptions({ queryKey: membersQueryKey(org), queryFn: ({ signal }) => getMembers(org, signal) });

export const useMembers = (org: string) => useQuery(getMembersQueryOptions(org));
