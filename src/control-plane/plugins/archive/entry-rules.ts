/** Rules for the names and kinds of entries in a plugin build archive. */

export type EntryPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Normalizes an entry name ("./src/x" → "src/x", "bin/" → "bin") and refuses anything
 * that could land outside the directory the router unpacks into.
 */
export function checkEntryPath(raw: string): EntryPathCheck {
  if (raw.includes('\0')) return { ok: false, reason: 'contains a NUL byte' };
  if (raw.includes('\\')) return { ok: false, reason: 'contains a backslash; archive paths use "/"' };
  if (raw.startsWith('/')) return { ok: false, reason: 'is an absolute path' };
  if (/^[A-Za-z]:/.test(raw)) return { ok: false, reason: 'is an absolute Windows path' };
  const segments: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '..') return { ok: false, reason: 'contains a ".." segment' };
    if (segment === '' || segment === '.') continue;
    if (Buffer.byteLength(segment) > 255) return { ok: false, reason: 'has a name longer than 255 bytes' };
    segments.push(segment);
  }
  const path = segments.join('/');
  if (Buffer.byteLength(path) > 4096) return { ok: false, reason: 'is longer than 4096 bytes' };
  return { ok: true, path };
}

const KIND_NAMES: Record<string, string> = {
  symlink: 'a symbolic link',
  link: 'a hard link',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a FIFO (named pipe)',
};

export function describeEntryKind(type: string): string {
  return KIND_NAMES[type] ?? `of unsupported type "${type}"`;
}

/** Values of Go's GOOS and GOARCH, as `go tool dist list` prints them. */
const GOOS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux',
  'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows',
]);
const GOARCH = new Set([
  '386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mips64', 'mips64le', 'mipsle',
  'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm',
]);

/** `bin/linux_amd64` → `linux_amd64`; null for any other path (bin/ may hold other files). */
export function platformOf(path: string): string | null {
  const m = /^bin\/([a-z0-9]+)_([a-z0-9]+)$/.exec(path);
  if (!m || !GOOS.has(m[1]!) || !GOARCH.has(m[2]!)) return null;
  return `${m[1]}_${m[2]}`;
}

export const isExecutable = (mode: number) => (mode & 0o111) !== 0;
