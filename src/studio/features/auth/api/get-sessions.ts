import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';

export const sessionsQueryKey = ['auth', 'sessions'] as const;

export const getSessions = (signal?: AbortSignal) => api.get<{ sessions: SessionInfo[] }>(apiPaths.sessions, signal);

export const getSessionsQueryOptions = () =>
  queryOptions({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => getSessions(signal) });

export const useSessions = () => useQuery(getSessionsQueryOptions());
