import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Serves the built studio. Vite puts content-hashed files under /assets, which may be
 * cached for a year; index.html must be revalidated so a deploy is picked up at once.
 */
export function createStudioHandler(studioDir: string) {
  const root = resolve(studioDir);
  let indexHtml: Promise<Buffer | null> | undefined;
  const loadIndex = () => (indexHtml ??= readFile(join(root, 'index.html')).catch(() => null));

  async function fileFor(urlPath: string): Promise<{ path: string; size: number } | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const path = resolve(root, '.' + decoded);
    if (path !== root && !path.startsWith(root + sep)) return null;
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? { path, size: info.size } : null;
  }

  return async function serveStudio(req: FastifyRequest, reply: FastifyReply) {
    const urlPath = req.url.split('?')[0] ?? '/';
    const file = urlPath === '/' ? null : await fileFor(urlPath);
    if (file && !file.path.endsWith(`${sep}index.html`)) {
      const immutable = urlPath.startsWith('/assets/');
      return reply
        .header('content-type', contentTypes[extname(file.path)] ?? 'application/octet-stream')
        .header('content-length', file.size)
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file.path));
    }
    // A missing hashed asset is a real 404; anything else is a client-side route.
    if (urlPath.startsWith('/assets/') || extname(urlPath)) {
      return reply.status(404).type('text/plain').send('Not found');
    }
    const html = await loadIndex();
    if (!html) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The studio has not been built. Run "npm run build" (npm start does this for you).');
    }
    return reply
      .header('content-type', contentTypes['.html'])
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .send(html);
  };
}
