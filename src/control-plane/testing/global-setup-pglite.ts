import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: { adminUrl: string; template: string };
  }
}

/**
 * initdb plus migrations costs seconds and hundreds of MB per database, so it runs once
 * here; each test file then loads this dump into a fresh in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-pglite-'));
  const handle = await openDatabase({ kind: 'pglite-memory' });
  if (handle.driver.kind !== 'pglite') throw new Error('expected PGlite');
  const dump = await handle.driver.client.dumpDataDir('none');
  await handle.close();
  const file = join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
