import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real CLI process on a PGlite data dir: what `npm start` runs.
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchyard-start-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SWITCHYARD_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
  }) as ChildProcessWithoutNullStreams;
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Switchyard studio:')) {
        clearInterval(timer);
        resolve(out);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code}: ${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

async function login(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

async function queryRouter(url: string) {
  // The router answers /readyz once its first config has loaded.
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(url.replace('/graphql', '/readyz')).catch(() => null);
    if (ready?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ topProducts(first: 2) { name reviews { body author { name } } } }' }),
  });
  return { servedBy: res.headers.get('x-switchyard-served-by'), body: await res.json() };
}

describe('switchyard start', () => {
  it('prints a generated admin password once, shuts down cleanly on SIGTERM, and keeps its data', async () => {
    // PORT=0 picks a free port, but the banner prints the configured one; use fixed random ports instead.
    const base = 20000 + Math.floor(Math.random() * 20000);
    const port = String(base);
    const ports = { PORT: port, ROUTER_PORT: String(base + 1), SWITCHYARD_DEMO_PORT: String(base + 2) };
    const first = start(ports);
    const banner = await first.ready;
    const password = /Password:\s+(\S+)\s+\(generated/.exec(banner)?.[1];
    expect(password).toBeTruthy();
    expect(banner).toContain('Log in as:          admin@switchyard.local');
    const url = `http://127.0.0.1:${port}`;
    expect(await login(url, 'admin@switchyard.local', password!)).toBe(200);
    // The router follows the seeded demo graph through a router token, like a remote router.
    const answer = await queryRouter(`http://127.0.0.1:${base + 1}/graphql`);
    expect(answer.servedBy).toBe('base');
    expect(answer.body).toMatchObject({ data: { topProducts: [{ name: 'Table', reviews: expect.any(Array) }, expect.anything()] } });
    // The router's state (last good config, unpacked plugin builds) stays under the data directory.
    expect(existsSync(join(dataDir, 'router', 'plugins'))).toBe(true);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('SIGTERM received');

    const second = start(ports);
    const banner2 = await second.ready;
    expect(banner2).not.toContain('generated');
    expect(banner2).toContain('Log in with your existing account');
    expect(await login(url, 'admin@switchyard.local', password!)).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 60_000);

  it('refuses a bad variable with a message naming it', async () => {
    const run = start({ PORT: 'not-a-port' });
    await expect(run.ready).rejects.toThrow(/PORT/);
    expect(await run.exited).toBe(2);
  });
});
