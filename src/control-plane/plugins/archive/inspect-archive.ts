import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { AppError } from '../../http/errors.ts';
import { checkSdlSyntax } from '../../../shared/composition/compose.ts';
import { pluginManifestSchema, type PluginManifest, type PluginBuildRejectionDetails } from '../../../shared/api/plugins.ts';
import { checkEntryPath, describeEntryKind, isExecutable, platformOf } from './entry-rules.ts';

export interface InspectedArchive {
  schemaFile: string;
  schemaSdl: string;
  /** generated/service.proto and generated/mapping.json, when the archive has them */
  generated: { proto: string; mapping: string } | null;
  manifest: PluginManifest | null;
  /** sorted `<os>_<arch>` names */
  platforms: string[];
  entries: number;
  unpackedBytes: number;
}

export interface ArchiveLimits {
  /** Stops gzip bombs: the archive may not unpack to more than this. */
  maxUnpackedBytes: number;
  maxEntries: number;
}

const MB = 1024 * 1024;
/** Files read into memory, and how large each may be. */
const TEXT_FILES: Record<string, number> = {
  'src/schema.graphql': 5 * MB,
  'schema.graphql': 5 * MB,
  'generated/service.proto': 10 * MB,
  'generated/mapping.json': 10 * MB,
  'plugin.json': 64 * 1024,
};

export const reject = (message: string, details?: PluginBuildRejectionDetails) => new AppError(400, 'bad_request', message, details);

/**
 * Reads a staged .tar.gz once, as a stream, and checks it is a plugin build that is
 * safe to unpack: gzip and tar are well-formed; only regular files and directories,
 * all inside the archive; the required files are there; the schema parses. Throws a
 * 400 naming the offending entry otherwise.
 */
export async function inspectPluginArchive(file: string, limits: ArchiveLimits): Promise<InspectedArchive> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  const extract = tar.extract();
  let sourceError: Error | null = null;
  let gzipError: Error | null = null;
  source.once('error', (e) => (sourceError = e));
  gunzip.once('error', (e) => (gzipError = e));

  let unpackedBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      unpackedBytes += chunk.length;
      if (unpackedBytes > limits.maxUnpackedBytes) {
        cb(reject(`The archive unpacks to more than ${formatBytes(limits.maxUnpackedBytes)}; that is more than a plugin build may hold`));
        return;
      }
      cb(null, chunk);
    },
  });
  const piping = pipeline(source, gunzip, meter, extract);
  // Failures also surface through the entry iterator below, which reports them.
  piping.catch(() => {});

  const files = new Map<string, { mode: number; size: number }>();
  const dirs = new Set<string>();
  const texts = new Map<string, string>();
  let entries = 0;

  try {
    for await (const entry of extract) {
      const h = entry.header;
      if (++entries > limits.maxEntries) throw reject(`The archive has more than ${limits.maxEntries} entries`);
      const checked = checkEntryPath(h.name);
      if (!checked.ok) throw reject(`Archive entry "${h.name}" ${checked.reason}; every path must stay inside the archive`, { entry: h.name });
      const path = checked.path;
      if (h.type === 'directory') {
        if (path) dirs.add(path);
        await drain(entry);
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        const target = h.type === 'symlink' || h.type === 'link' ? ` pointing to "${h.linkname ?? ''}"` : '';
        throw reject(
          `Archive entry "${h.name}" is ${describeEntryKind(String(h.type))}${target}; a plugin build may contain only regular files and directories`,
          { entry: h.name },
        );
      }
      if (!path) throw reject(`Archive entry "${h.name}" is a file without a name`, { entry: h.name });
      if (files.has(path)) throw reject(`Archive entry "${path}" appears more than once`, { entry: path });
      const size = h.size ?? 0;
      files.set(path, { mode: h.mode ?? 0, size });
      const cap = TEXT_FILES[path];
      if (cap === undefined) {
        await drain(entry);
        continue;
      }
      if (size > cap) throw reject(`${path} is ${formatBytes(size)}; it may be at most ${formatBytes(cap)}`, { entry: path });
      texts.set(path, decodeUtf8(path, await readAll(entry)));
    }
    await piping;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (sourceError) throw sourceError;
    if (gzipError) {
      const e = gzipError as NodeJS.ErrnoException;
      throw reject(
        e.code === 'Z_BUF_ERROR'
          ? 'The upload is not a complete gzip file (it ends too early). Send the whole .tar.gz'
          : `The upload is not a valid gzip file (${e.message}). Send the build as a .tar.gz archive`,
      );
    }
    throw reject(`The upload is gzip, but what it holds is not a valid tar archive (${(err as Error).message})`);
  } finally {
    // Settles every stream when the loop stopped early.
    source.destroy();
  }

  for (const dir of impliedDirs(files.keys(), dirs)) {
    if (files.has(dir)) throw reject(`Archive entry "${dir}" is both a file and a directory`, { entry: dir });
  }

  const schemaFile = texts.has('src/schema.graphql') ? 'src/schema.graphql' : texts.has('schema.graphql') ? 'schema.graphql' : null;
  if (!schemaFile) throw reject(missingSchemaMessage([...files.keys()]));

  const platforms: string[] = [];
  for (const [path, { mode }] of files) {
    const platform = platformOf(path);
    if (!platform) continue;
    if (!platform.startsWith('windows_') && !isExecutable(mode)) {
      throw reject(
        `${path} is not executable (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); set its executable bit (chmod +x ${path}) before packing`,
        { entry: path },
      );
    }
    platforms.push(platform);
  }
  if (platforms.length === 0) throw reject(missingBinaryMessage([...files.keys()]));

  const proto = texts.get('generated/service.proto');
  const mapping = texts.get('generated/mapping.json');
  if ((proto === undefined) !== (mapping === undefined)) {
    throw reject(
      `The archive has ${proto !== undefined ? 'generated/service.proto but no generated/mapping.json' : 'generated/mapping.json but no generated/service.proto'}; include both (as protographic generates them) or neither`,
      { entry: proto !== undefined ? 'generated/service.proto' : 'generated/mapping.json' },
    );
  }
  if (mapping !== undefined) {
    try {
      const parsed: unknown = JSON.parse(mapping);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('it is not a JSON object');
    } catch (err) {
      throw reject(`generated/mapping.json is not valid: ${(err as Error).message}`, { entry: 'generated/mapping.json' });
    }
  }

  const schemaSdl = texts.get(schemaFile)!;
  const syntax = checkSdlSyntax(schemaSdl);
  if (!syntax.ok) {
    throw reject(`${schemaFile}: ${syntax.message}`, { entry: schemaFile, file: schemaFile, line: syntax.line, column: syntax.column });
  }

  return {
    schemaFile,
    schemaSdl,
    generated: proto !== undefined && mapping !== undefined ? { proto, mapping } : null,
    manifest: parseManifest(texts.get('plugin.json')),
    platforms: platforms.sort(),
    entries,
    unpackedBytes,
  };
}

function parseManifest(text: string | undefined): PluginManifest | null {
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw reject(`plugin.json is not valid JSON: ${(err as Error).message}`, { entry: 'plugin.json' });
  }
  const parsed = pluginManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `"${issue.path.join('.')}"` : 'its content';
    throw reject(`plugin.json: ${where}: ${issue.message}`, { entry: 'plugin.json' });
  }
  return parsed.data;
}

function missingSchemaMessage(paths: string[]): string {
  const nested = paths.find((p) => /^[^/]+\/(src\/)?schema\.graphql$/.test(p));
  const hint = nested
    ? ` It has ${nested}: pack the plugin directory's contents, so that src/ and bin/ are at the top of the archive, not the directory itself.`
    : '';
  return `The archive has no schema: add src/schema.graphql (or schema.graphql at the top level).${hint}`;
}

function missingBinaryMessage(paths: string[]): string {
  const inBin = paths.filter((p) => p.startsWith('bin/'));
  const hint = inBin.length
    ? ` bin/ has ${inBin.slice(0, 5).join(', ')}${inBin.length > 5 ? ', …' : ''}, but binaries are named with Go's GOOS_GOARCH, such as bin/linux_amd64 or bin/darwin_arm64.`
    : '';
  return `The archive has no plugin binary: add an executable bin/<os>_<arch>, such as bin/linux_amd64.${hint}`;
}

function* impliedDirs(files: Iterable<string>, explicit: Set<string>): Iterable<string> {
  const seen = new Set(explicit);
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) seen.add(parts.slice(0, i).join('/'));
  }
  yield* seen;
}

async function drain(entry: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of entry) {
    // discard
  }
}

async function readAll(entry: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function decodeUtf8(path: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw reject(`${path} is not valid UTF-8 text`, { entry: path });
  }
}

export function formatBytes(n: number): string {
  if (n >= MB) return `${Math.round((n / MB) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
