import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_ENV_VARS } from '../control-plane/config.ts';
import { ROUTER_ENV_VARS } from '../router/options.ts';
import { HELP } from './help.ts';
import { STACK_ENV_VARS } from './local-stack.ts';
import { runCli } from './run-cli.ts';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('switchyard … --help', () => {
  const entries = Object.keys(HELP);

  it('covers every command and sub-command the CLI has', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'start',
        'subgraph',
        'subgraph publish',
        'subgraph check',
        'plugin',
        'plugin init',
        'plugin build',
        'plugin push',
        'router',
        'compose',
        'feature-flag',
        ...['create', 'swap', 'restore', 'enable', 'disable', 'delete', 'list'].map((s) => `feature-flag ${s}`),
      ]),
    );
  });

  it.each(entries)('"%s --help" prints its usage, options and environment, and exits 0', async (entry) => {
    for (const flag of ['--help', '-h']) {
      // After other arguments too: a half-typed command line still gets its help.
      const { code, stdout, stderr } = await run([...entry.split(' '), '--name', 'x', flag]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: switchyard ${entry}( |$)`, 'm'));
      expect(stdout).toMatch(/\nOptions:\n {2}\S/);
      expect(stdout).toContain('  -h, --help');
      expect(stdout).toMatch(/\nEnvironment:\n {2}\S/);
    }
  });

  it('start lists every variable the control plane and the local stack read', async () => {
    const { stdout } = await run(['start', '--help']);
    expect(stdout).not.toContain('Unknown option');
    for (const name of [...CONTROL_PLANE_ENV_VARS, ...STACK_ENV_VARS]) expect(stdout, name).toContain(name);
  });

  it('router lists every variable the router reads', async () => {
    const { stdout } = await run(['router', '--help']);
    for (const name of ROUTER_ENV_VARS) expect(stdout, name).toContain(name);
  });

  it('commands that talk to the control plane name its variables', async () => {
    for (const entry of ['subgraph publish', 'subgraph check', 'plugin push', 'feature-flag swap']) {
      const { stdout } = await run([...entry.split(' '), '--help']);
      expect(stdout, entry).toContain('SWITCHYARD_API_KEY');
      expect(stdout, entry).toContain('SWITCHYARD_API_URL');
    }
  });

  it('"switchyard help <command>" answers as --help does, and the top-level help lists the commands', async () => {
    expect((await run(['help', 'subgraph', 'publish'])).stdout).toBe((await run(['subgraph', 'publish', '--help'])).stdout);
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    for (const command of entries.filter((e) => !e.includes(' '))) expect(top.stdout).toContain(`  ${command}`);
  });

  it('still refuses an unknown option, with the help', async () => {
    const { code, stderr } = await run(['start', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain('Usage: switchyard start');
  });
});
