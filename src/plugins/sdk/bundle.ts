import { build } from 'esbuild';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles a plugin entry into ONE Node script with a shebang: @grpc/grpc-js,
 * protobufjs and everything else inlined, so bin/<os>_<arch> runs with `node` alone,
 * from any directory, with no node_modules.
 *
 * The script is CommonJS, but Node treats an extension-less file as ESM when the
 * nearest package.json says "type": "module" (a plugin dir may sit inside such a
 * project), and ESM has no `require`. The first line of the banner therefore keeps
 * CommonJS's require, or makes one when loaded as ESM.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url)); // .ts from source, .js once built
/** The SDK's own entry; plugin code imports it as "@switchyard/plugin-sdk". */
export const SDK_ENTRY = path.join(here, `index${ext}`);
export const SDK_IMPORT = '@switchyard/plugin-sdk';

const requireShim =
  'var require = typeof require === "function" ? require : ' +
  'process.getBuiltinModule("node:module").createRequire(process.argv[1]);';

export interface BundleResult {
  outfile: string;
  bytes: number;
  warnings: string[];
}

export class PluginBuildError extends Error {
  override name = 'PluginBuildError';
}

export async function bundlePluginScript(entry: string, outfile: string): Promise<BundleResult> {
  await mkdir(path.dirname(outfile), { recursive: true });
  let result;
  try {
    result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
      banner: { js: `#!/usr/bin/env node\n${requireShim}` },
      alias: { [SDK_IMPORT]: SDK_ENTRY },
      nodePaths: [await switchyardNodeModules()],
      // esbuild resolves .ts imports of .ts files written with explicit extensions.
      resolveExtensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    });
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
      .errors;
    const detail = errors?.length
      ? errors
          .map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
          .join('; ')
      : err instanceof Error
        ? err.message
        : String(err);
    throw new PluginBuildError(`bundling ${entry} failed: ${detail}`);
  }
  await chmod(outfile, 0o755);
  const { size } = await stat(outfile);
  return {
    outfile,
    bytes: size,
    warnings: result.warnings.filter((w) => !/direct eval/i.test(w.text)).map((w) => w.text),
  };
}

/** The node_modules this installation resolves from, so plugin code outside it can import its packages. */
async function switchyardNodeModules(): Promise<string> {
  let dir = here;
  for (;;) {
    const candidate = path.join(dir, 'node_modules');
    try {
      await readFile(path.join(candidate, '@grpc', 'grpc-js', 'package.json'));
      return candidate;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return path.join(here, '..', '..', '..', 'node_modules');
      dir = parent;
    }
  }
}
