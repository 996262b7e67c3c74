import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RouterLogger } from './logger.ts';

const FILE = 'last-good-config.json';

const storedSchema = z.object({
  source: z.string(),
  hash: z.string(),
  savedAt: z.string(),
  config: z.unknown(),
});
export type StoredConfig = z.infer<typeof storedSchema>;

/**
 * The last config that loaded, kept on disk so a router that starts while the control plane
 * is down can serve at once. Tagged with where it came from, so a router pointed at another
 * graph or control plane never serves a stale copy of the wrong one.
 */
export class ConfigStore {
  constructor(
    private readonly dir: string,
    private readonly log: RouterLogger,
  ) {}

  get path(): string {
    return join(this.dir, FILE);
  }

  async load(source: string): Promise<StoredConfig | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log.warn('cannot read the saved router config', { path: this.path, err });
      return null;
    }
    try {
      const stored = storedSchema.parse(JSON.parse(text));
      if (stored.source !== source) {
        this.log.info('the saved router config is for another source; ignoring it', { saved: stored.source });
        return null;
      }
      return stored;
    } catch (err) {
      this.log.warn('the saved router config is unreadable; ignoring it', { path: this.path, err });
      return null;
    }
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a config. */
  async save(source: string, hash: string, config: unknown): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ source, hash, savedAt: new Date().toISOString(), config }));
      await rename(tmp, this.path);
    } catch (err) {
      this.log.warn('cannot save the router config to disk; serving continues', { path: this.path, err });
    }
  }
}
