import { apiPaths } from '../shared/api/paths.ts';
import type { MeResponse } from '../shared/api/auth.ts';

/** What a CLI command needs from its surroundings; tests pass their own. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const processIo = (): CliIo => ({
  env: process.env,
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
});

export const DEFAULT_API_URL = 'http://localhost:3000';

/** A failure to show the user as is: exit code 2 for usage and setup, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface ApiClient {
  baseUrl: string;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** API keys belong to one organization; this is its slug. */
  organization(): Promise<string>;
}

/** Talks to the control plane with SWITCHYARD_API_KEY against SWITCHYARD_API_URL. */
export function createApiClient(env: CliIo['env']): ApiClient {
  const key = env.SWITCHYARD_API_KEY;
  if (!key) {
    throw new CliError(
      'Set SWITCHYARD_API_KEY to an API key (create one in the studio under Settings → API keys).',
      2,
    );
  }
  const baseUrl = (env.SWITCHYARD_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  let org: Promise<string> | undefined;
  const client: ApiClient = {
    baseUrl,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(baseUrl + path, {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `Cannot reach the control plane at ${baseUrl} (${cause?.code ?? cause?.message ?? String(err)}). Is SWITCHYARD_API_URL right?`,
        );
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (!res.ok) {
        const error = (
          parsed as
            | { error?: { message?: string; details?: { issues?: { path: string; message: string }[] } } }
            | undefined
        )?.error;
        const issues = error?.details?.issues?.map((i) => `\n  ${i.path}: ${i.message}`).join('') ?? '';
        throw new CliError(
          `${error?.message ?? `The control plane answered ${res.status} ${res.statusText}`}${issues}`,
        );
      }
      return parsed as T;
    },
    organization() {
      org ??= client.request<MeResponse>('GET', apiPaths.me).then((me) => {
        const first = me.organizations[0];
        if (!first) throw new CliError('This API key belongs to no organization.');
        return first.slug;
      });
      return org;
    },
  };
  return client;
}
