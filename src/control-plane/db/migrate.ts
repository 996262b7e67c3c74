import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { migrations, type Migration } from './migrations/index.ts';

// Any constant works; it only has to be the same for every instance.
const MIGRATION_LOCK = 0x5357_5944; // "SWYD"

/** A transaction that can run multi-statement SQL, which drizzle's execute() cannot on PGlite. */
interface ScriptRunner {
  exec(sqlText: string): Promise<void>;
  appliedIds(): Promise<number[]>;
  record(m: Migration): Promise<void>;
}

const bootstrapSql = `
  SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
  CREATE TABLE IF NOT EXISTS switchyard_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  );`;

/**
 * Applies pending migrations in one transaction under an advisory lock, so several
 * control-plane instances starting together on one PostgreSQL apply each exactly once.
 */
export async function runMigrations(
  driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: Pool },
): Promise<number[]> {
  if (driver.kind === 'pglite') {
    return driver.client.transaction((tx) =>
      applyAll({
        exec: async (s) => void (await tx.exec(s)),
        appliedIds: async () => (await tx.query<{ id: number }>('SELECT id FROM switchyard_migrations')).rows.map((r) => r.id),
        record: async (m) => void (await tx.query('INSERT INTO switchyard_migrations (id, name) VALUES ($1, $2)', [m.id, m.name])),
      }),
    );
  }
  const client = await driver.pool.connect();
  try {
    await client.query('BEGIN');
    const ran = await applyAll({
      exec: async (s) => void (await client.query(s)),
      appliedIds: async () => (await client.query<{ id: number }>('SELECT id FROM switchyard_migrations')).rows.map((r) => r.id),
      record: async (m) => void (await client.query('INSERT INTO switchyard_migrations (id, name) VALUES ($1, $2)', [m.id, m.name])),
    });
    await client.query('COMMIT');
    return ran;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function applyAll(runner: ScriptRunner): Promise<number[]> {
  await runner.exec(bootstrapSql);
  const applied = new Set((await runner.appliedIds()).map(Number));
  const ran: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    await runner.exec(m.sql);
    await runner.record(m);
    ran.push(m.id);
  }
  return ran;
}
