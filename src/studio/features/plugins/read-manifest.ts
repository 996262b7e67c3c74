/**
 * Reads plugin.json out of a picked .tar.gz in the browser, so the upload dialog can fill
 * in the plugin name and show the version before anything is sent. Best effort: any
 * archive it cannot read just gives null, and the server checks everything anyway.
 */

export interface PluginManifestPreview {
  name?: string;
  version?: string;
}

const BLOCK = 512;
const MAX_MANIFEST_BYTES = 64 * 1024;
/** Past this the archive is mostly binaries; gunzipping it all for a name is not worth it. */
const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

const decoder = new TextDecoder();

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(bytes: Uint8Array): number {
  return parseInt(text(bytes).trim() || '0', 8);
}

/** The `path` record of a pax extended header ("27 path=some/long/name\n"). */
function paxPath(bytes: Uint8Array): string | null {
  for (const line of decoder.decode(bytes).split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match) return match[1]!;
  }
  return null;
}

/** Walks tar headers as gunzipped bytes arrive, skipping contents, until plugin.json is read. */
export class TarManifestScanner {
  private buffer = new Uint8Array(0);
  private skip = 0;
  private reading: { kind: 'pax' | 'manifest'; size: number } | null = null;
  private nextPath: string | null = null;
  manifest: Uint8Array | null = null;
  ended = false;

  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    while (!this.ended && !this.manifest) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, this.buffer.length);
        this.buffer = this.buffer.subarray(n);
        this.skip -= n;
        if (this.skip > 0) return;
        continue;
      }
      if (this.reading) {
        const { kind, size } = this.reading;
        if (this.buffer.length < size) return;
        const content = this.buffer.slice(0, size);
        this.buffer = this.buffer.subarray(size);
        this.skip = Math.ceil(size / BLOCK) * BLOCK - size;
        this.reading = null;
        if (kind === 'manifest') this.manifest = content;
        else this.nextPath = paxPath(content);
        continue;
      }
      if (this.buffer.length < BLOCK) return;
      const header = this.buffer.subarray(0, BLOCK);
      this.buffer = this.buffer.subarray(BLOCK);
      if (header.every((b) => b === 0)) {
        this.ended = true;
        return;
      }
      const size = octal(header.subarray(124, 136));
      const type = String.fromCharCode(header[156] ?? 0);
      const prefix = text(header.subarray(345, 500));
      const name = this.nextPath ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
      this.nextPath = null;
      const isFile = type === '0' || type === '\0';
      if (type === 'x' && size <= MAX_MANIFEST_BYTES) this.reading = { kind: 'pax', size };
      else if (isFile && name.replace(/^\.\//, '') === 'plugin.json' && size <= MAX_MANIFEST_BYTES) this.reading = { kind: 'manifest', size };
      else this.skip = Math.ceil(size / BLOCK) * BLOCK;
    }
  }
}

export function parseManifest(bytes: Uint8Array): PluginManifestPreview | null {
  try {
    const value = JSON.parse(decoder.decode(bytes)) as unknown;
    if (!value || typeof value !== 'object') return null;
    const { name, version } = value as { name?: unknown; version?: unknown };
    return {
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof version === 'string' ? { version } : {}),
    };
  } catch {
    return null;
  }
}

export async function readPluginManifest(file: Blob): Promise<PluginManifestPreview | null> {
  if (file.size > MAX_ARCHIVE_BYTES || typeof DecompressionStream === 'undefined') return null;
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const scanner = new TarManifestScanner();
  try {
    while (!scanner.manifest && !scanner.ended) {
      const { done, value } = await reader.read();
      if (done) break;
      scanner.push(value);
    }
    return scanner.manifest ? parseManifest(scanner.manifest) : null;
  } catch {
    // Not gzip, or truncated: the server will say so on upload.
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
