import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../router/logger.ts';
import { jsonLogger } from './logger.ts';
import { logDestination, logOptions, wantsPretty } from './log-format.ts';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

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
    for (const line of lines) {
      expect(line.time).toMatch(ISO);
      expect(line.level).toMatch(/^(info|warn|error|debug)$/);
      expect(line.component).toBe('control-plane');
    }
    expect(lines[0]).toMatchObject({ msg: 'control plane listening' });
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
