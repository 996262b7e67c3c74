import { loadConfig, type Config } from '../config.ts';
import { createServer, type Server } from '../server.ts';
import { bootstrapFirstAdmin } from '../bootstrap.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from './test-database.ts';
import { TestClient } from './test-client.ts';

export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const ORG = 'acme';

export interface TestServer {
  url: string;
  server: Server;
  database: DatabaseHandle;
  config: Config;
  /** A client with no credentials. */
  client(): TestClient;
  /** A client logged in as the bootstrap admin. */
  admin(): Promise<TestClient>;
  /** Invites, accepts and logs in a new member with the given role. */
  member(role: 'viewer' | 'developer' | 'admin', email?: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** The real control plane on a fresh database, listening on a random loopback port. */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: { now?: () => Date; database?: DatabaseHandle; port?: number } = {},
): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SWITCHYARD_ORG_NAME: 'Acme', ...env });
  const database = opts.database ?? (await createTestDatabase());
  await bootstrapFirstAdmin(database.db, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, orgName: 'Acme' });
  const server = await createServer({ config, database, ...(opts.now ? { now: opts.now } : {}) });
  await server.app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let n = 0;
  const ts: TestServer = {
    url,
    server,
    database,
    config,
    client: () => new TestClient(url),
    async admin() {
      const c = new TestClient(url);
      await c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      return c;
    },
    async member(role, email = `${role}-${++n}-${Date.now()}@example.test`) {
      const admin = await ts.admin();
      const invite = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email, role });
      const token = String((invite.body as { acceptPath: string }).acceptPath).split('/').pop()!;
      const c = new TestClient(url);
      const accepted = await c.json('POST', `/api/v1/invitations/${token}/accept`, { password: 'member password 123' });
      if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
      await c.refreshCsrf();
      return c;
    },
    async close() {
      await server.app.close();
      if (!opts.database) await database.close();
    },
  };
  return ts;
}
