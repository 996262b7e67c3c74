import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditList } from '../../../../shared/api/audit.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';

const PAGE_SIZE = 50;

export const auditLogQueryKey = (org: string) => ['orgs', org, 'audit-log'] as const;

export const getAuditLog = (org: string, cursor: string | null, signal?: AbortSignal) => {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return api.get<AuditList>(`${graphPaths.auditLog(org)}?${query}`, signal);
};

export const getAuditLogQueryOptions = (org: string) =>
  infiniteQueryOptions({
    queryKey: auditLogQueryKey(org),
    queryFn: ({ signal, pageParam }) => getAuditLog(org, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useAuditLog = (org: string) => useInfiniteQuery(getAuditLogQueryOptions(org));
