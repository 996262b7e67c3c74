import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrations } from '../db/migrations/index.ts';
import { testBackend } from '../testing/test-database.ts';

describe('the default namespace', () => {
  // Replays the migrations by hand on a fresh PGlite; the SQL is the same on PostgreSQL.
  it.skipIf(testBackend === 'postgres')(
    'is given to organizations that existed before the migration, and to every new one',
    async () => {
      const handle = await openDatabase({ kind: 'pglite-memory' }, { migrate: false });
      try {
        if (handle.driver.kind !== 'pglite') throw new Error('expected PGlite');
        const pg = handle.driver.client;
        const auth = migrations.find((m) => m.id === 1)!;
        const registry = migrations.find((m) => m.id === 2)!;
        await pg.exec(auth.sql);
        await pg.exec(`INSERT INTO organizations (slug, name) VALUES ('older', 'Older')`);
        await pg.exec(registry.sql);
        await pg.exec(`INSERT INTO organizations (slug, name) VALUES ('newer', 'Newer')`);
        const rows = await pg.query<{ slug: string; name: string }>(
          'SELECT o.slug, n.name FROM namespaces n JOIN organizations o ON o.id = n.organization_id ORDER BY o.slug',
        );
        expect(rows.rows).toEqual([
          { slug: 'newer', name: 'default' },
          { slug: 'older', name: 'default' },
        ]);
      } finally {
        await handle.close();
      }
    },
    60_000,
  );
});
