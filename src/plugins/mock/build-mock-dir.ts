import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SWITCHYARD_VERSION } from '../../shared/version.ts';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { goPlatform } from '../runtime/platform.ts';
import { bundlePluginScript } from '../sdk/bundle.ts';
import { createMockService } from './mock-service.ts';
import { launcherScript, MOCK_RUNTIME_FILE } from './runtime-launcher.ts';

/**
 * A ready-to-run mock plugin directory for any subgraph schema, with no upload: the
 * control plane calls this when a feature flag swaps a subgraph for a mock. The mock
 * runtime is bundled once per Switchyard version and source (per process), then written
 * beside a small launcher (runtime-launcher.ts).
 */
export interface MockPluginDir {
  dir: string;
  binaryPath: string;
  serviceName: string;
  /** what the router config's `grpc` carries */
  protoSchema: string;
  mapping: unknown;
}

export interface BuildMockPluginOptions {
  sdl: string;
  /** mocks.json, parsed or as text; checked against the schema */
  mocks?: unknown;
  name?: string;
  /** bin/<os>_<arch> names to write; default this machine's */
  platforms?: string[];
}

export async function buildMockPluginDir(
  targetDir: string,
  options: BuildMockPluginOptions,
): Promise<MockPluginDir> {
  const name = options.name ?? 'mock';
  const files = generateGrpcFiles(options.sdl, { pluginName: name });
  const mocks =
    typeof options.mocks === 'string'
      ? (JSON.parse(options.mocks || '{}') as unknown)
      : (options.mocks ?? {});
  // Fails now, with the schema's own words, rather than when the router starts it.
  createMockService({
    sdl: options.sdl,
    protoSchema: files.protoSchema,
    mapping: files.mapping,
    mocks,
    name,
  });
  const runtime = await ensureMockRuntime();

  const dir = path.resolve(targetDir);
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await mkdir(path.join(dir, 'generated'), { recursive: true });
  await mkdir(path.join(dir, 'bin'), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, 'src', 'schema.graphql'), options.sdl),
    writeFile(path.join(dir, 'generated', 'service.proto'), files.protoSchema),
    writeFile(path.join(dir, 'generated', 'mapping.json'), `${JSON.stringify(files.mapping, null, 2)}\n`),
    // Under src/ so that packing the directory as a plugin build (Cosmo's layout) keeps it.
    writeFile(path.join(dir, 'src', 'mocks.json'), `${JSON.stringify(mocks, null, 2)}\n`),
    writeFile(
      path.join(dir, 'plugin.json'),
      `${JSON.stringify({ name, version: 'mock', mock: true }, null, 2)}\n`,
    ),
  ]);
  const platforms = options.platforms?.length ? options.platforms : [goPlatform()];
  // One runtime for every platform; each bin/<os>_<arch> is the launcher that starts it.
  const runtimeTarget = path.join(dir, 'bin', MOCK_RUNTIME_FILE);
  await writeFile(runtimeTarget, runtime.bytes);
  await chmod(runtimeTarget, 0o644);
  const launcher = launcherScript(runtime.sha256);
  for (const p of platforms) {
    const target = path.join(dir, 'bin', p);
    await writeFile(target, launcher);
    await chmod(target, 0o755);
  }
  return {
    dir,
    binaryPath: path.join(dir, 'bin', platforms[0]!),
    serviceName: files.serviceName,
    protoSchema: files.protoSchema,
    mapping: files.mapping,
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));
export interface MockRuntime {
  bytes: Buffer;
  /** of the runtime's bytes: names its V8 code cache, so another runtime never reads it */
  sha256: string;
}
let memo: { key: string; runtime: Promise<MockRuntime> } | null = null;

/**
 * The bundled mock runtime (one Node script), built on first use and kept in memory by
 * this process: nothing outside the data directory outlives a build (it used to be
 * cached under the system's temporary directory).
 */
export async function ensureMockRuntime(): Promise<MockRuntime> {
  const key = await sourceKey();
  if (memo?.key === key) return memo.runtime;
  const building = (async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'switchyard-mock-runtime-'));
    try {
      const file = path.join(work, 'mock-runtime.cjs');
      await bundlePluginScript(path.join(here, `main${ext}`), file);
      const bytes = await readFile(file);
      return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  })();
  memo = { key, runtime: building };
  building.catch(() => {
    if (memo?.runtime === building) memo = null;
  });
  return building;
}

/** A hash of everything the runtime bundles from this package, so an edit rebuilds it. */
async function sourceKey(): Promise<string> {
  const hash = createHash('sha256').update(SWITCHYARD_VERSION);
  const root = path.dirname(here); // src/plugins or dist/node/plugins
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(ts|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        hash.update(path.relative(root, full)).update(await readFile(full));
      }
    }
  };
  await walk(root);
  return hash.digest('hex').slice(0, 20);
}
