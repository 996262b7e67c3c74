import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { table } from './lib.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const DIST = 'dist/studio';

/** JavaScript a route loads: its chunk and everything it imports statically, transitively. */
function closure(manifest: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) walk(i);
  };
  keys.forEach(walk);
  return seen;
}

async function gzipped(manifest: Record<string, ManifestChunk>, keys: Set<string>): Promise<{ js: number; css: number }> {
  let js = 0;
  let css = 0;
  const cssFiles = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    js += gzipSync(await readFile(join(DIST, chunk.file))).length;
    for (const c of chunk.css ?? []) cssFiles.add(c);
  }
  for (const c of cssFiles) css += gzipSync(await readFile(join(DIST, c))).length;
  return { js, css };
}

/** Gzipped JavaScript of the studio's first page (entry + login route) and of the playground route. */
export async function benchBundleSize(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const find = (suffix: string) => Object.keys(manifest).find((k) => k.endsWith(suffix));
  const login = find('app/routes/login.tsx');
  const playground = find('app/routes/org/playground.tsx');
  const first = closure(manifest, [entry, ...(login ? [login] : [])]);
  const play = closure(manifest, [playground!]);
  const playOnly = new Set([...play].filter((k) => !first.has(k)));
  const [a, b] = await Promise.all([gzipped(manifest, first), gzipped(manifest, playOnly)]);
  const kb = (n: number) => (n / 1024).toFixed(1);
  return `### Studio bundle (gzipped)\n\n${table(
    ['what loads', 'JavaScript KB', 'CSS KB'],
    [
      ['first page (entry + login route)', kb(a.js), kb(a.css)],
      ['playground route, on top of that (GraphiQL, Monaco)', kb(b.js), kb(b.css)],
    ],
  )}\n\nMonaco's language workers load separately when the editor starts.\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchBundleSize());
}
