import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { processIo, type CliIo } from '../api-client.ts';
import { parseDirCommand } from '../dir-command.ts';
import { packPluginDir } from '../../plugins/sdk/pack-plugin-dir.ts';

export const pluginBuildUsage = `Usage: switchyard plugin build <dir> [--out file.tar.gz] [--platform linux_amd64,darwin_arm64]

Regenerates generated/ from src/schema.graphql, bundles src/main.ts and everything it
imports into ONE Node script (bin/<os>_<arch>, needs only "node", no node_modules), and
packs the plugin as a .tar.gz in Cosmo's layout (default: <dir>/dist/<name>-<version>.tar.gz).
The script runs on any platform, so it is written under every --platform name given
(default: this machine's and linux_amd64).
`;

export async function runPluginBuild(args: string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseDirCommand(args, ['out', 'platform'], pluginBuildUsage, io);
  if (typeof parsed === 'number') return parsed;
  const { dir } = parsed;
  try {
    const [{ generatePluginFiles, readManifest }, { bundlePluginScript }, { goPlatform }] = await Promise.all(
      [
        import('../../plugins/sdk/scaffold.ts'),
        import('../../plugins/sdk/bundle.ts'),
        import('../../plugins/runtime/platform.ts'),
      ],
    );
    const platforms = [
      ...new Set(
        (parsed.values.platform ?? `${goPlatform()},linux_amd64`)
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    ];
    const bad = platforms.find((p) => !/^[a-z0-9]+_[a-z0-9]+$/.test(p));
    if (bad) {
      io.stderr(`"${bad}" is not a platform name like linux_amd64\n`);
      return 2;
    }
    const entry = join(dir, 'src', 'main.ts');
    if (!(await stat(entry).catch(() => null)))
      throw new Error(`${entry} does not exist (create the plugin with "switchyard plugin init")`);
    const { serviceName, warnings } = await generatePluginFiles(dir);
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
    const [first, ...others] = platforms as [string, ...string[]];
    const bundle = await bundlePluginScript(entry, join(dir, 'bin', first));
    for (const w of bundle.warnings) io.stderr(`warning: ${w}\n`);
    for (const p of others) await copyFile(bundle.outfile, join(dir, 'bin', p));
    const { name, version } = await readManifest(dir);
    const out = parsed.values.out
      ? resolve(io.cwd, parsed.values.out)
      : join(dir, 'dist', `${name}-${version}.tar.gz`);
    await mkdir(resolve(out, '..'), { recursive: true });
    const { files } = await packPluginDir(dir, out);
    const { size } = await stat(out);
    io.stdout(
      [
        `Built plugin ${name} ${version} (${serviceName})`,
        `  bin:       ${platforms.map((p) => `bin/${p}`).join(', ')} (${(bundle.bytes / 1024).toFixed(0)} KiB)`,
        `  archive:   ${relative(io.cwd, out) || out} (${files} files, ${(size / 1024).toFixed(0)} KiB)`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    io.stderr(`plugin build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
