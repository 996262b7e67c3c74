import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../router/logger.ts';
import { jsonLogger } from './logger.ts';
import { logDestination, logOptions, wantsPretty } from './log-format.ts';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The keys that stand more than once in one object of a JSON text. JSON.parse keeps the last
 * of repeated keys without a word, so the raw text is scanned instead.
 */
function repeatedKeys(text: string): string[] {
  const repeated: string[] = [];
  const objects: Set<string>[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') objects.push(new Set());
    else if (c === '}') objects.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const str = JSON.parse(text.slice(i, end + 1)) as string;
      let next = end + 1;
      while (text[next] === ' ') next++;
      const keys = objects.at(-1);
      if (text[next] === ':' && keys) {
        if (keys.has(str)) repeated.push(str);
        keys.add(str);
      }
      i = end;
    }
  }
  return repeated;
}

function capture() {
  const lines: string[] = [];
  return { lines, write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)), json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('one log format for the control plane, the router and the plugin runtime', () => {
  it('the router writes JSON lines with ISO time, the level by name and its component', () => {
    const out = capture();
    const log = createJsonLogger({ write: out.write, fields: { component: 'router' } });
    log.info('router listening', { url: 'http://localhost:3002/graphql' });
    log.child({ graph: 'default/demo' }).error('config refused', { err: new Error('bad config') });
    log.debug('dropped below info');
    const [first, second] = out.json();
    expect(out.lines).toHaveLength(2);
    expect(first).toMatchObject({ level: 'info', component: 'router', msg: 'router listening', url: 'http://localhost:3002/graphql' });
    expect(first!.time).toMatch(ISO);
    expect(second).toMatchObject({ level: 'error', component: 'router', graph: 'default/demo', err: { name: 'Error', message: 'bad config' } });
  });

  it("the control plane's Fastify logger writes the same shape, request logs included", async () => {
    const out = capture();
    const app = Fastify({ logger: { ...logOptions('control-plane', 'info'), stream: logDestination({ write: out.write }) } });
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.log.info('control plane listening');
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.close();
    const lines = out.json();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const raw of out.lines) expect(repeatedKeys(raw), raw).toEqual([]);
    for (const line of lines) {
      expect(line.time).toMatch(ISO);
      expect(line.level).toMatch(/^(info|warn|error|debug)$/);
      expect(line.component).toBe('control-plane');
    }
    expect(lines[0]).toMatchObject({ msg: 'control plane listening' });
  });

  it('the key scanner sees a repeated key that JSON.parse hides', () => {
    expect(repeatedKeys('{"component":"router","component":"plugins","msg":"a \\"b\\": c"}')).toEqual(['component']);
    expect(repeatedKeys('{"a":{"x":1},"b":{"x":2},"msg":"x"}')).toEqual([]);
  });

  it('a child component replaces the parent\'s: every line has exactly one component', () => {
    const out = capture();
    const router = createJsonLogger({ write: out.write, fields: { component: 'router' } });
    const plugins = router.child({ component: 'plugins' });
    plugins.info('plugin started', { plugin: 'books' });
    plugins.child({ plugin: 'books' }).child({ plugin: 'authors' }).warn('plugin exited');
    router.warn('gateway warning', { component: 'gateway', subgraph: 'a' });
    router.info('router still router');
    jsonLogger('info', out.write).log('info', 'plugin stderr', { stream: 'stderr', component: 'grpc' });
    expect(out.lines).toHaveLength(5);
    for (const line of out.lines) expect(repeatedKeys(line), line).toEqual([]);
    expect(out.json().map((l) => l.component)).toEqual(['plugins', 'plugins', 'gateway', 'router', 'grpc']);
    expect(out.json()[1]).toMatchObject({ plugin: 'authors', level: 'warn', msg: 'plugin exited' });
    expect(out.lines[0]).toMatch(/^\{"level":"info","time":"[^"]+","component":"plugins","plugin":"books","msg":"plugin started"\}$/);
  });

  it("the plugin runtime's logger too", () => {
    const out = capture();
    jsonLogger('info', out.write).log('warn', 'plugin exited', { plugin: 'books', code: 1 });
    const [line] = out.json();
    expect(line).toMatchObject({ level: 'warn', component: 'plugins', msg: 'plugin exited', plugin: 'books', code: 1 });
    expect(line!.time).toMatch(ISO);
  });

  it('prints pretty, human-readable lines on a terminal and JSON anywhere else', () => {
    expect(wantsPretty({ isTTY: true }, {})).toBe(true);
    expect(wantsPretty({ isTTY: false }, {})).toBe(false);
    expect(wantsPretty({}, {})).toBe(false);
    expect(wantsPretty({ isTTY: true }, { SWITCHYARD_LOG_FORMAT: 'json' })).toBe(false);
    expect(wantsPretty({ isTTY: false }, { SWITCHYARD_LOG_FORMAT: 'pretty' })).toBe(true);

    const out = capture();
    createJsonLogger({ write: out.write, pretty: true }).info('router listening', { port: 3002 });
    const text = out.lines.join('\n');
    expect(() => JSON.parse(out.lines[0]!)).toThrow();
    expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
    expect(text).toContain('INFO');
    expect(text).toContain('[router] router listening');
    expect(text).toContain('port: 3002');
  });
});
