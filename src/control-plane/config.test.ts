import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('uses embedded defaults: PGlite in ./.switchyard/data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '.switchyard/data/pglite' });
    expect(c.plugins.storage).toMatchObject({ kind: 'filesystem', dir: '.switchyard/data/plugins' });
    expect(c.admin.password).toBeUndefined();
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ SWITCHYARD_ADMIN_PASSWORD: 'short' })).toThrow(/SWITCHYARD_ADMIN_PASSWORD: must be at least 12/);
  });
});
