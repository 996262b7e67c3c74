import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface ArchiveEntry {
  name: string;
  content?: string | Buffer;
  mode?: number;
  type?: 'file' | 'directory';
}

/** A federated subgraph small enough to read in a test, with an entity for the router to join on. */
export const pluginSchema = `type Product @key(fields: "id") {
  id: ID!
  name: String!
}

type Query {
  product(id: ID!): Product
}
`;

/** Stands in for the plugin binary: upload validation checks its name and mode, never runs it. */
const fakeBinary = '#!/bin/sh\necho "1|1|unix|/tmp/plugin.sock|grpc"\nsleep 60\n';

/** Cosmo's plugin layout: src/schema.graphql, bin/linux_amd64 (executable), plugin.json. */
export function pluginEntries(name: string, version: string): ArchiveEntry[] {
  return [
    { name: 'src/', type: 'directory', mode: 0o755 },
    { name: 'src/schema.graphql', content: pluginSchema },
    { name: 'bin/', type: 'directory', mode: 0o755 },
    { name: 'bin/linux_amd64', content: fakeBinary, mode: 0o755 },
    { name: 'plugin.json', content: JSON.stringify({ name, version }) },
  ];
}

/** A .tar.gz of `entries`; tar-stream writes whatever names it is given, "../evil" included. */
export async function tarGz(entries: ArchiveEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const header = { name: e.name, mode: e.mode ?? 0o644, mtime: new Date(1_700_000_000_000), type: e.type ?? 'file' };
    if (header.type === 'file') pack.entry(header, e.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}
