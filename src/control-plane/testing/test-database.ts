import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { withDatabase } from './global-setup-postgres.ts';

export const testBackend = (process.env.SWITCHYARD_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** A fresh, migrated database for one test file, on whichever backend this project runs. */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  if (testBackend === 'pglite') {
    const file = await readFile(inject('pgliteTemplate'));
    return openDatabase({ kind: 'pglite-memory', loadDataDir: new Blob([file]) }, { migrate: true });
  }
  const { adminUrl, template } = inject('postgresTemplate');
  const name = `${template}_f${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 5 });
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await a.end();
    },
  };
}
