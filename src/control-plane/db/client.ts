import { mkdir } from 'node:fs/promises';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { sql } from 'drizzle-orm';
import * as schema from './schema.ts';
import { runMigrations } from './migrate.ts';

export type Schema = typeof schema;
/** Both drivers (PGlite and node-postgres) produce this; repositories take it, or a transaction of it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Answers when the database can run a query; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The raw driver, for LISTEN/NOTIFY and data-dir dumps. */
  driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: Pool };
}

export async function openDatabase(target: DatabaseTarget, opts: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const handle = target.kind === 'postgres' ? await openPostgres(target.url, target.poolSize) : await openPglite(target);
  if (opts.migrate !== false) await runMigrations(handle.driver);
  return handle;
}

async function openPglite(target: Exclude<DatabaseTarget, { kind: 'postgres' }>): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let client: PGlite;
  if (target.kind === 'pglite') {
    await mkdir(target.dataDir, { recursive: true });
    client = await PGlite.create({ dataDir: target.dataDir });
  } else {
    client = await PGlite.create(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  }
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    driver: { kind: 'pglite', client },
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection emits 'error'; without a listener that
  // would crash the process instead of letting the next query reconnect.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Database;
  await db.execute(sql`SELECT 1`);
  let closed = false;
  return {
    db,
    kind: 'postgres',
    driver: { kind: 'postgres', pool },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** node-postgres and PGlite both answer execute() with an object holding `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
