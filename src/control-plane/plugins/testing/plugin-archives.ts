import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { pluginPaths } from '../../../shared/api/plugins.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { ORG, startTestServer, type TestServer } from '../../testing/test-server.ts';

export interface Entry {
  name: string;
  content?: string | Buffer;
  mode?: number;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  linkname?: string;
}

export const productsPluginSdl = /* GraphQL */ `
type Product @key(fields: "id") {
  id: ID!
  name: String!
  price: Float
}

type Query {
  product(id: ID!): Product
  products: [Product!]!
}
`;

/** A shell script standing in for the plugin binary: the control plane never runs it. */
export const fakeBinary = '#!/bin/sh\necho "1|1|unix|/tmp/plugin.sock|grpc"\nsleep 60\n';

/** A well-formed build in Cosmo's layout; `extra` entries are appended, `omit` names are left out. */
export function pluginEntries(opts: { version?: string; name?: string; schema?: string; omit?: string[]; extra?: Entry[]; marker?: string } = {}): Entry[] {
  const entries: Entry[] = [
    { name: 'src/', type: 'directory', mode: 0o755 },
    { name: 'src/schema.graphql', content: opts.schema ?? productsPluginSdl },
    { name: 'bin/', type: 'directory', mode: 0o755 },
    { name: 'bin/linux_amd64', content: fakeBinary + (opts.marker ?? ''), mode: 0o755 },
    { name: 'bin/darwin_arm64', content: fakeBinary, mode: 0o755 },
  ];
  if (opts.version !== undefined || opts.name !== undefined) {
    entries.push({ name: 'plugin.json', content: JSON.stringify({ ...(opts.name ? { name: opts.name } : {}), ...(opts.version ? { version: opts.version } : {}) }) });
  }
  return [...entries.filter((e) => !opts.omit?.includes(e.name)), ...(opts.extra ?? [])];
}

export async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    // A fixed time: the same entries always make the same bytes, and so the same sha256.
    const header = { name: e.name, mode: e.mode ?? 0o644, mtime: new Date(1_700_000_000_000), type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) };
    if (header.type === 'file') pack.entry(header, e.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function tarGzOf(entries: Entry[]): Promise<Buffer> {
  return gzipSync(await tarOf(entries));
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file (not directory) under `dir`, relative, sorted; [] when it does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.sort();
}

export async function countRows(ts: TestServer, table: 'plugins' | 'plugin_builds'): Promise<number> {
  const text = `SELECT count(*)::int AS n FROM ${table}`;
  const d = ts.database.driver;
  const { rows } = d.kind === 'pglite' ? await d.client.query<{ n: number }>(text) : await d.pool.query<{ n: number }>(text);
  return rows[0]!.n;
}

export async function sqlQuery(ts: TestServer, text: string, params: unknown[] = []) {
  const d = ts.database.driver;
  return d.kind === 'pglite' ? d.client.query(text, params) : d.pool.query(text, params);
}

/**
 * The real control plane with plugin archives stored in a fresh temporary directory
 * (`storageDir`), which close() removes again. `env` adds to or overrides the settings.
 */
export async function startPluginTestServer(
  env: Record<string, string> = {},
): Promise<TestServer & { storageDir: string }> {
  const storageDir = await mkdtemp(join(tmpdir(), 'switchyard-plugins-'));
  const ts = await startTestServer({ SWITCHYARD_PLUGIN_STORAGE_DIR: storageDir, ...env });
  return {
    ...ts,
    storageDir,
    async close() {
      await ts.close();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The builds of a plugin in the test organization. */
export const buildsPath = (name: string, namespace = 'default') => pluginPaths.builds(ORG, namespace, name);

/** POSTs a build archive as `client` (default namespace unless given); the status and parsed JSON body. */
export async function uploadBuild(
  client: TestClient,
  archive: Buffer,
  opts: { name: string; namespace?: string; headers?: Record<string, string> },
) {
  const res = await client.raw('POST', buildsPath(opts.name, opts.namespace), {
    body: new Blob([new Uint8Array(archive)]),
    headers: { 'content-type': 'application/gzip', ...opts.headers },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
