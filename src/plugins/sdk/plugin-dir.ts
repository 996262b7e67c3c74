import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The plugin directory a running plugin belongs to: bin/<os>_<arch> lives in it, so
 * it is the parent of the script's folder. SWITCHYARD_PLUGIN_DIR overrides it.
 */
export function currentPluginDir(): string {
  const fromEnv = process.env['SWITCHYARD_PLUGIN_DIR'];
  if (fromEnv) return path.resolve(fromEnv);
  const script = process.argv[1];
  if (!script) return process.cwd();
  let real = script;
  try {
    real = realpathSync(script);
  } catch {
    // keep the path as given
  }
  return path.dirname(path.dirname(real));
}

export interface PluginFiles {
  dir: string;
  sdl: string;
  protoSchema: string;
  mapping: unknown;
  /** mocks.json (or src/mocks.json) when present */
  mocks: unknown;
}

/** Cosmo's layout: src/schema.graphql (or schema.graphql), generated/service.proto, generated/mapping.json. */
export function readPluginFiles(dir = currentPluginDir()): PluginFiles {
  const first = (...candidates: string[]) =>
    candidates.map((c) => path.join(dir, c)).find((p) => existsSync(p));
  const schemaPath = first('src/schema.graphql', 'schema.graphql');
  const protoPath = first('generated/service.proto');
  const mappingPath = first('generated/mapping.json');
  const missing = [
    !schemaPath && 'src/schema.graphql',
    !protoPath && 'generated/service.proto',
    !mappingPath && 'generated/mapping.json',
  ].filter(Boolean);
  if (missing.length) throw new Error(`plugin directory ${dir} is missing ${missing.join(', ')}`);
  const mocksPath = first('mocks.json', 'src/mocks.json');
  return {
    dir,
    sdl: readFileSync(schemaPath!, 'utf8'),
    protoSchema: readFileSync(protoPath!, 'utf8'),
    mapping: JSON.parse(readFileSync(mappingPath!, 'utf8')) as unknown,
    mocks: mocksPath ? (JSON.parse(readFileSync(mocksPath, 'utf8')) as unknown) : {},
  };
}
