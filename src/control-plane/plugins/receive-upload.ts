import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, badRequest } from '../http/errors.ts';
import { formatBytes } from './archive/inspect-archive.ts';

export interface StagedUpload {
  path: string;
  sha256: string;
  size: number;
  /** Removes the staged file; safe to call twice. */
  discard(): Promise<void>;
}

export const tooLarge = (maxBytes: number) =>
  new AppError(413, 'payload_too_large', `The build is larger than the limit of ${formatBytes(maxBytes)} (SWITCHYARD_PLUGIN_MAX_BYTES)`);

/**
 * Streams a request body to a file in `dir`, hashing and counting as it goes, and
 * stops at `maxBytes`. On any failure the file is removed. The request stream itself
 * is never destroyed: the rest of an oversized body is read and dropped, so the client
 * gets the 413 instead of a reset connection.
 */
export async function receiveUpload(body: Readable, opts: { dir: string; maxBytes: number }): Promise<StagedUpload> {
  await mkdir(opts.dir, { recursive: true });
  const path = join(opts.dir, `upload-${randomUUID()}.part`);
  const discard = () => rm(path, { force: true });
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const cleanup = () => {
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('error', onAbort);
        body.off('aborted', onAbort);
        body.off('close', onClose);
        out.off('drain', onDrain);
      };
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        cleanup();
        // Keep reading, and dropping, whatever the client still sends.
        body.on('data', () => {});
        body.on('error', () => {});
        body.resume();
        if (out.closed) return reject(err);
        out.destroy();
        out.once('close', () => reject(err));
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) return fail(tooLarge(opts.maxBytes));
        hash.update(chunk);
        if (!out.write(chunk)) body.pause();
      };
      const onDrain = () => body.resume();
      const onEnd = () => {
        if (settled) return;
        settled = true;
        cleanup();
        // 'close', not 'finish': the descriptor is released before anyone reads the file.
        out.once('close', () => resolve());
        out.end();
      };
      const onAbort = () => fail(badRequest('The upload was interrupted before the whole archive arrived'));
      const onClose = () => {
        if (!body.readableEnded) onAbort();
      };
      out.once('error', (err) => fail(err));
      out.on('drain', onDrain);
      body.on('data', onData);
      body.once('end', onEnd);
      body.once('error', onAbort);
      body.once('aborted', onAbort);
      body.once('close', onClose);
    });
  } catch (err) {
    await discard();
    throw err;
  }
  if (size === 0) {
    await discard();
    throw badRequest('The request body is empty: send the build .tar.gz as the body');
  }
  return { path, sha256: hash.digest('hex'), size, discard };
}

/**
 * Removes `*.part` files a crash left behind. Only old ones: a young file may be an
 * upload in progress on another instance sharing the directory.
 */
export async function sweepStaleParts(dir: string, olderThanMs: number, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith('.part'))) {
    const file = join(dir, name);
    const s = await stat(file).catch(() => null);
    if (s && now - s.mtimeMs > olderThanMs) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
