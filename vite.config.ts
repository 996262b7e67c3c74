import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const apiTarget = process.env.SWITCHYARD_DEV_API ?? 'http://localhost:3000';
const root = dirname(fileURLToPath(import.meta.url));

/**
 * GraphiQL ships its fonts (Roboto, Fira Code, codicon) base64-inlined in graphiql/style.css,
 * which made the playground's CSS 627 KB (348 KB gzip), fetched and parsed before the editor
 * shows, and never cached apart from the CSS. This writes each font to a file of its own
 * (named by content) and points the CSS at it, so Vite emits it as a hashed, cacheable asset
 * that the browser loads only when a glyph needs it.
 */
function graphiqlFontFiles(): Plugin {
  const fontDir = join(root, 'node_modules/.cache/switchyard-graphiql-fonts');
  return {
    name: 'switchyard:graphiql-font-files',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]graphiql[\\/]dist[\\/]style\.css$/.test(id)) return null;
      mkdirSync(fontDir, { recursive: true });
      const out = code.replace(
        /url\(\s*["']?data:font\/(woff2|woff|ttf|otf);base64,([A-Za-z0-9+/=]+)["']?\s*\)/g,
        (_, ext: string, base64: string) => {
          const bytes = Buffer.from(base64, 'base64');
          const file = join(fontDir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}`);
          if (!existsSync(file)) writeFileSync(file, bytes);
          return `url("${relative(dirname(id), file).split('\\').join('/')}")`;
        },
      );
      return { code: out, map: null };
    },
  };
}

/**
 * GraphiQL's packages (and the React Compiler runtime they bundle) start modules with the
 * "use no memo" directive, which the bundler cannot keep and warns about once per file. The
 * directive only tells the React Compiler to skip the file, which we do not run, so exactly
 * that warning from exactly those packages is dropped; every other warning still shows.
 */
const graphiqlPackages = /[\\/]node_modules[\\/](@graphiql[\\/][^\\/]+|graphiql)([\\/]node_modules[\\/]react-compiler-runtime)?[\\/]|[\\/]node_modules[\\/]react-compiler-runtime[\\/]/;
const isGraphiqlNoMemo = (w: { code?: string; message: string; id?: string }) =>
  w.code === 'MODULE_LEVEL_DIRECTIVE' &&
  w.message.includes('"use no memo"') &&
  graphiqlPackages.test(w.id ?? /in "([^"]+)"/.exec(w.message)?.[1]?.replace(/^/, '/') ?? '');

export default defineConfig({
  plugins: [react(), tailwindcss(), graphiqlFontFiles()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src/studio', import.meta.url)) },
  },
  build: {
    outDir: 'dist/studio',
    emptyOutDir: true,
    sourcemap: true,
    // bench/bundle-size.ts walks the manifest to measure what each route loads.
    manifest: true,
    chunkSizeWarningLimit: 4096,
    // Fonts stay separate files however small: cacheable, and loaded only when used.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    rolldownOptions: {
      onwarn(warning, warn) {
        if (isGraphiqlNoMemo(warning)) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
