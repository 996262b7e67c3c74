import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';

/** What a plugin build holds, as Cosmo lays a plugin out; anything else in the directory stays out. */
const INCLUDED_DIRS = ['src', 'generated', 'bin'];
const INCLUDED_FILES = ['plugin.json', 'schema.graphql'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export class PackError extends Error {
  override name = 'PackError';
}

interface FileEntry {
  path: string;
  absolute: string;
  kind: 'file' | 'directory';
  mode: number;
  size: number;
}

/**
 * Packs a plugin directory into a .tar.gz at `outFile`: src/, generated/, bin/,
 * plugin.json (and a top-level schema.graphql). Permission bits are kept, so binaries
 * stay executable; owners and times are not, so the same files always give the same
 * archive and pushing them again is recognised as the same build.
 */
export async function packPluginDir(dir: string, outFile: string): Promise<{ files: number }> {
  const entries: FileEntry[] = [];
  for (const name of INCLUDED_DIRS) await collect(dir, name, entries, true);
  for (const name of INCLUDED_FILES) await collect(dir, name, entries, true);
  if (!entries.some((e) => e.path === 'src/schema.graphql' || e.path === 'schema.graphql')) {
    throw new PackError(`${dir} has no src/schema.graphql (or schema.graphql): is it a plugin directory?`);
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const pack = tar.pack();
  const writing = pipeline(pack, createGzip({ level: 9 }), createWriteStream(outFile, { mode: 0o600 }));
  try {
    for (const e of entries) {
      const header = { name: e.path, mode: e.mode, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '' };
      if (e.kind === 'directory') {
        await new Promise<void>((resolve, reject) =>
          pack.entry({ ...header, name: `${e.path}/`, type: 'directory' }, (err) => (err ? reject(err) : resolve())),
        );
        continue;
      }
      const sink = pack.entry({ ...header, type: 'file', size: e.size });
      await pipeline(createReadStream(e.absolute), sink);
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
    await writing.catch(() => {});
    throw err;
  }
  await writing;
  return { files: entries.filter((e) => e.kind === 'file').length };
}

async function collect(root: string, relative: string, out: FileEntry[], top: boolean): Promise<void> {
  const absolute = join(root, ...relative.split('/'));
  let s;
  try {
    s = await lstat(absolute);
  } catch (err) {
    if (top && (err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (s.isSymbolicLink()) {
    throw new PackError(`${relative} is a symbolic link; plugin builds may contain only regular files and directories`);
  }
  if (s.isDirectory()) {
    out.push({ path: relative, absolute, kind: 'directory', mode: s.mode & 0o777, size: 0 });
    for (const child of (await readdir(absolute)).sort()) {
      if (SKIPPED_DIRS.has(child)) continue;
      await collect(root, `${relative}/${child}`, out, false);
    }
    return;
  }
  if (!s.isFile()) throw new PackError(`${relative} is not a regular file or directory`);
  out.push({ path: relative, absolute, kind: 'file', mode: s.mode & 0o777, size: s.size });
}
