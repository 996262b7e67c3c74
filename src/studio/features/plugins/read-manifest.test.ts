import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { readPluginManifest } from './read-manifest.ts';

async function tarGz(entries: { name: string; content: string | Uint8Array; type?: 'file' | 'directory' }[]): Promise<Blob> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory' });
    else pack.entry({ name: e.name }, typeof e.content === 'string' ? e.content : Buffer.from(e.content));
  }
  pack.finalize();
  const chunks: Uint8Array[] = [];
  for await (const chunk of pack) chunks.push(chunk as Uint8Array);
  const gzipped = new Blob(chunks as BlobPart[]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(gzipped).blob();
}

describe('readPluginManifest', () => {
  it('finds plugin.json after large binaries, across chunk boundaries', async () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    const archive = await tarGz([
      { name: 'bin/', content: '', type: 'directory' },
      { name: 'bin/linux_amd64', content: big },
      { name: 'src/schema.graphql', content: 'type Query { a: Int }' },
      { name: 'plugin.json', content: JSON.stringify({ name: 'products', version: '1.2.0', extra: true }) },
    ]);
    expect(await readPluginManifest(archive)).toEqual({ name: 'products', version: '1.2.0' });
  });

  it('follows ustar prefixes and pax headers, and matches only the root plugin.json', async () => {
    const archive = await tarGz([
      // Split into prefix + name by ustar.
      { name: `${'deep/'.repeat(30)}plugin.json`, content: '{"name":"nested"}' },
      // Too long for a ustar name: tar-stream writes a pax header first.
      { name: `${'x'.repeat(120)}.json`, content: '{"name":"long"}' },
      { name: './plugin.json', content: '{"version":"v3"}' },
    ]);
    const raw = new Uint8Array(await new Response(archive.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    expect(String.fromCharCode(raw[1024 + 156]!)).toBe('x');
    expect(await readPluginManifest(archive)).toEqual({ version: 'v3' });
  });

  it('gives null for archives without plugin.json, bad JSON, or bytes that are not gzip', async () => {
    expect(await readPluginManifest(await tarGz([{ name: 'src/schema.graphql', content: 'x' }]))).toBeNull();
    expect(await readPluginManifest(await tarGz([{ name: 'plugin.json', content: '{oops' }]))).toBeNull();
    expect(await readPluginManifest(new Blob(['not a gzip at all']))).toBeNull();
  });
});
