import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, type PluginStorage } from './plugin-storage.ts';

/**
 * Objects are files under one directory. A write goes to a temporary file in the same
 * directory tree and is renamed into place, so a reader never sees half an archive and
 * a crash leaves at most a stray file under .tmp/.
 */
export class FilesystemStorage implements PluginStorage {
  readonly kind = 'filesystem' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  describe(): string {
    return this.root;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable, info: { size: number; sha256: string }): Promise<void> {
    const target = this.pathOf(key);
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    // Re-hashing what lands on disk catches a source that changed under us.
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(body, tap, createWriteStream(tmp, { flags: 'wx', mode: 0o644 }));
      const sha256 = hash.digest('hex');
      if (size !== info.size || sha256 !== info.sha256) {
        throw new Error(`storage write of ${key} got ${size} bytes with sha256 ${sha256}, expected ${info.size} bytes with ${info.sha256}`);
      }
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<{ stream: Readable; size: number } | null> {
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const { size } = await handle.stat();
      // The stream owns the handle from here and closes it at end, error or destroy.
      return { stream: handle.createReadStream(), size };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async head(key: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { size: s.size } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
