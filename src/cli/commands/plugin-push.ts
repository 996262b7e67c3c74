import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CliError, createApiClient, processIo, type CliIo } from '../api-client.ts';
import { packPluginDir, PackError } from '../../plugins/sdk/pack-plugin-dir.ts';
import { resourceNameSchema } from '../../shared/names.ts';
import { pluginPaths, type UploadPluginBuildResponse } from '../../shared/api/plugins.ts';

export const pluginPushUsage = `Usage: switchyard plugin push <dir|tarball> --name NAME [--namespace default]

Uploads a plugin build to the control plane. A directory is packed as a .tar.gz in
Cosmo's plugin layout (src/, generated/, bin/, plugin.json) with file modes kept; a
.tar.gz is uploaded as it is. The version comes from plugin.json, or is the next v<N>.

Environment: SWITCHYARD_API_KEY (an API key with the developer role) and
SWITCHYARD_API_URL (default http://localhost:3000).
`;

export async function runPluginPush(args: string[], io: CliIo = processIo()): Promise<number> {
  let tempDir: string | undefined;
  try {
    const opts = parseOptions(args);
    if (opts === 'help') {
      io.stdout(pluginPushUsage);
      return 0;
    }
    const api = createApiClient(io.env);
    const path = resolve(io.cwd, opts.path);
    const s = await stat(path).catch(() => null);
    if (!s) throw new CliError(`${opts.path} does not exist`, 2);
    let archive = path;
    if (s.isDirectory()) {
      tempDir = await mkdtemp(join(tmpdir(), 'switchyard-push-'));
      archive = join(tempDir, `${opts.name}.tar.gz`);
      const { files } = await packPluginDir(path, archive);
      io.stdout(`Packed ${files} files from ${opts.path}\n`);
    } else if (!s.isFile()) {
      throw new CliError(`${opts.path} is neither a directory nor a .tar.gz file`, 2);
    }

    const org = await api.organization();
    const { build, created } = await upload(api.baseUrl, io.env.SWITCHYARD_API_KEY!, pluginPaths.builds(org, opts.namespace, opts.name), archive);
    io.stdout(
      [
        created
          ? `Uploaded ${opts.namespace}/${build.plugin} version ${build.version}`
          : `${opts.namespace}/${build.plugin} already has this exact build, as version ${build.version}`,
        `  version:   ${build.version}`,
        `  sha256:    ${build.sha256}`,
        `  size:      ${build.size} bytes`,
        `  platforms: ${build.platforms.join(', ')}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n${err.exitCode === 2 ? `\n${pluginPushUsage}` : ''}`);
      return err.exitCode;
    }
    io.stderr(`${err instanceof PackError ? err.message : `Push failed: ${(err as Error).message}`}\n`);
    return 1;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

function parseOptions(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { name: { type: 'string' }, namespace: { type: 'string', short: 'n', default: 'default' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help' as const;
  if (positionals.length !== 1) throw new CliError('Give exactly one plugin directory or .tar.gz file', 2);
  if (!values.name) throw new CliError("--name is required: the plugin's name", 2);
  for (const [flag, value] of [['--name', values.name], ['--namespace', values.namespace]] as const) {
    const checked = resourceNameSchema.safeParse(value);
    if (!checked.success) throw new CliError(`${flag}: ${checked.error.issues[0]!.message}`, 2);
  }
  return { path: positionals[0]!, name: values.name, namespace: values.namespace };
}

/** The archive streams from disk: a 200 MB build is never read into memory. */
async function upload(baseUrl: string, apiKey: string, path: string, file: string): Promise<UploadPluginBuildResponse> {
  const { size } = await stat(file);
  let res: Response;
  try {
    res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/gzip', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`Cannot reach the control plane at ${baseUrl} (${cause?.code ?? cause?.message ?? String(err)}). Is SWITCHYARD_API_URL right?`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
    throw new CliError(`Push failed (${res.status}): ${message ?? (text.slice(0, 200) || res.statusText)}`);
  }
  return body as UploadPluginBuildResponse;
}
