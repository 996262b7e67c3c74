import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { PluginBuildRef } from '../../shared/router-config.ts';

/**
 * The router's plugin directory: builds are downloaded by hash with the router token,
 * checked against the sha256 the config names, unpacked into <dir>/<sha256>/ and
 * reused from there. Unpacking refuses anything that could write outside that folder
 * (absolute paths, "..", links) and anything that is not a file or a directory.
 */
export interface PluginStoreOptions {
  /** where builds are unpacked, e.g. <data dir>/plugins */
  dir: string;
  /** the control plane's base URL; downloadPath is relative to it */
  baseUrl: string;
  /** sent as Authorization: Bearer … */
  routerToken: string;
  /** default 200 MB, compressed and unpacked alike */
  maxBytes?: number;
  fetch?: typeof fetch;
}

export class PluginStoreError extends Error {
  override name = 'PluginStoreError';
}

export interface PluginStore {
  /** The unpacked directory of a build, downloading it the first time. */
  ensure(ref: PluginBuildRef): Promise<string>;
}

export function createPluginStore(options: PluginStoreOptions): PluginStore {
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
  const doFetch = options.fetch ?? fetch;
  const inflight = new Map<string, Promise<string>>();

  const download = async (ref: PluginBuildRef): Promise<string> => {
    const final = path.join(options.dir, ref.sha256);
    if (existsSync(path.join(final, '.complete'))) return final;
    await mkdir(options.dir, { recursive: true });
    const stamp = `${process.pid}-${Date.now()}`;
    const archive = path.join(options.dir, `.${ref.sha256}.${stamp}.tar.gz`);
    const staging = path.join(options.dir, `.${ref.sha256}.${stamp}`);
    try {
      const url = new URL(ref.downloadPath, options.baseUrl);
      const res = await doFetch(url, { headers: { authorization: `Bearer ${options.routerToken}` } });
      if (!res.ok || !res.body) {
        throw new PluginStoreError(
          `downloading plugin ${ref.name} ${ref.version} from ${url.pathname} failed: HTTP ${res.status}`,
        );
      }
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes)
            return done(
              new PluginStoreError(`plugin ${ref.name} ${ref.version} is larger than ${maxBytes} bytes`),
            );
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(res.body as WebReadableStream), meter, createWriteStream(archive));
      const actual = hash.digest('hex');
      if (actual !== ref.sha256) {
        throw new PluginStoreError(
          `plugin ${ref.name} ${ref.version} failed verification: sha256 ${actual}, expected ${ref.sha256}`,
        );
      }
      await unpack(archive, staging, maxBytes);
      await writeFile(path.join(staging, '.complete'), `${ref.name} ${ref.version}\n`);
      await rm(final, { recursive: true, force: true });
      await rename(staging, final);
      return final;
    } finally {
      await rm(archive, { force: true });
      await rm(staging, { recursive: true, force: true });
    }
  };

  return {
    ensure(ref) {
      let pending = inflight.get(ref.sha256);
      if (!pending) {
        pending = download(ref).finally(() => inflight.delete(ref.sha256));
        inflight.set(ref.sha256, pending);
      }
      return pending;
    },
  };
}

/** Extracts a .tar.gz into `into`, which must not exist yet. */
export async function unpack(archive: string, into: string, maxBytes: number): Promise<void> {
  await mkdir(into, { recursive: true });
  const root = path.resolve(into);
  let total = 0;
  const extractor = tar.extract();
  extractor.on('entry', (header, stream, next) => {
    const fail = (message: string) => {
      stream.resume();
      // Destroying from inside the 'entry' event re-enters tar-stream's write loop; do it after.
      const error = new PluginStoreError(`plugin archive entry "${header.name}": ${message}`);
      setImmediate(() => extractor.destroy(error));
    };
    const name = header.name.replace(/\\/g, '/').replace(/^\.\//, '');
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return fail('absolute paths are not allowed');
    if (name.split('/').includes('..')) return fail('".." is not allowed');
    const target = path.resolve(root, name);
    if (target !== root && !target.startsWith(`${root}${path.sep}`))
      return fail('it points outside the archive');
    if (header.type === 'directory') {
      stream.resume();
      void mkdir(target, { recursive: true }).then(
        () => next(),
        (err: unknown) => extractor.destroy(err instanceof Error ? err : new Error(String(err))),
      );
      return;
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file')
      return fail(`${header.type} entries are not allowed`);
    total += header.size ?? 0;
    if (total > maxBytes) return fail(`the unpacked build is larger than ${maxBytes} bytes`);
    void mkdir(path.dirname(target), { recursive: true })
      .then(() => pipeline(stream, createWriteStream(target, { mode: 0o600 })))
      .then(() => chmod(target, (header.mode ?? 0o644) & 0o755))
      .then(
        () => next(),
        (err: unknown) => extractor.destroy(err instanceof Error ? err : new Error(String(err))),
      );
  });
  try {
    await pipeline(createReadStream(archive), createGunzip(), extractor);
  } catch (err) {
    if (err instanceof PluginStoreError) throw err;
    throw new PluginStoreError(
      `the plugin archive could not be unpacked: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
