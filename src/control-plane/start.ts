import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { createServer } from './server.ts';
import { bootstrapFirstAdmin, type BootstrapResult } from './bootstrap.ts';

export interface RunningControlPlane {
  url: string;
  bootstrap: BootstrapResult;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The built studio sits next to the built server: dist/studio beside dist/node. */
export function defaultStudioDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../studio', import.meta.url));
  return existsSync(dir) ? dir : undefined;
}

export async function startControlPlane(config: Config): Promise<RunningControlPlane> {
  const database = await openDatabase(
    config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  try {
    const bootstrap = await bootstrapFirstAdmin(database.db, config.admin);
    const { app } = await createServer({ config: { ...config, studioDir: config.studioDir ?? defaultStudioDir() }, database });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://localhost:${port}`;
    return {
      url,
      bootstrap,
      database,
      async close() {
        // Stop taking requests and let in-flight ones finish before the database goes.
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
