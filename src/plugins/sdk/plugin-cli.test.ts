import { createReadStream } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse, type ExecutionResult } from 'graphql';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlugin } from '../../cli/commands/plugin.ts';
import { PluginProcess } from '../runtime/plugin-process.ts';
import { goPlatform } from '../runtime/platform.ts';
import { isAlive, tempDir } from '../testing/fixtures.ts';
import { createGrpcExecutor, pluginChannel } from '../transport/executor.ts';

// `switchyard plugin init` + `switchyard plugin build`, then the built binary run from
// an unpacked archive in a directory with no node_modules anywhere above it.
let work: Awaited<ReturnType<typeof tempDir>>;
const out: string[] = [];
const io = () => ({
  env: {},
  cwd: work.dir,
  stdout: (t: string) => void out.push(t),
  stderr: (t: string) => void out.push(t),
});

const schema = `type Greeting { id: ID! text: String! loud: Boolean }\ntype Query { hello(name: String!, loud: Boolean): Greeting! }\n`;
const service = `import { PluginError, status } from '@switchyard/plugin-sdk';
import type { Handlers } from '../generated/service.ts';

export const handlers: Handlers = {
  QueryHello(request) {
    if (request.name === 'nobody') throw new PluginError(status.NOT_FOUND, 'no such person');
    const loud = request.loud?.value ?? false;
    const text = 'Hello, ' + request.name + '!';
    return { hello: { id: 'g-' + request.name, text: loud ? text.toUpperCase() : text, loud: { value: loud } } };
  },
};
`;

beforeAll(async () => {
  work = await tempDir('swy-cli-');
});
afterAll(async () => {
  await work?.remove();
});

async function extract(archive: string, into: string): Promise<string[]> {
  const names: string[] = [];
  const extractor = tar.extract();
  extractor.on('entry', (header, stream, next) => {
    names.push(header.name);
    const target = path.join(into, header.name);
    if (header.type === 'directory') {
      void mkdir(target, { recursive: true }).then(() => {
        stream.resume();
        next();
      });
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
    stream.on('end', () => {
      void mkdir(path.dirname(target), { recursive: true })
        .then(() => writeFile(target, Buffer.concat(chunks)))
        .then(() => chmod(target, header.mode ?? 0o644))
        .then(() => next(), next);
    });
  });
  await pipeline(createReadStream(archive), createGunzip(), extractor);
  return names;
}

describe('switchyard plugin init / build', () => {
  it('scaffolds, bundles into one script and packs a tarball whose binary runs without node_modules', async () => {
    const schemaFile = path.join(work.dir, 'greeter.graphql');
    await writeFile(schemaFile, schema);
    expect(await runPlugin(['init', 'greeter', '--schema', schemaFile], io())).toBe(0);
    const dir = path.join(work.dir, 'greeter');
    expect(await readFile(path.join(dir, 'generated', 'service.proto'), 'utf8')).toContain(
      'rpc QueryHello(QueryHelloRequest)',
    );
    expect(JSON.parse(await readFile(path.join(dir, 'generated', 'mapping.json'), 'utf8'))).toMatchObject({
      service: 'GreeterService',
    });
    expect(await readFile(path.join(dir, 'src', 'service.ts'), 'utf8')).toContain('QueryHello(request)');
    expect(await runPlugin(['init', 'greeter'], io())).toBe(1); // never overwrites

    await writeFile(path.join(dir, 'src', 'service.ts'), service);
    expect(await runPlugin(['build', 'greeter'], io())).toBe(0);
    const archive = path.join(dir, 'dist', 'greeter-0.1.0.tar.gz');
    const script = await readFile(path.join(dir, 'bin', 'linux_amd64'), 'utf8');
    expect(script.startsWith('#!/usr/bin/env node\n')).toBe(true);

    const unpacked = path.join(work.dir, 'unpacked');
    const names = await extract(archive, unpacked);
    expect(names).toEqual(
      expect.arrayContaining([
        'src/schema.graphql',
        'generated/service.proto',
        'generated/mapping.json',
        'bin/linux_amd64',
        'plugin.json',
      ]),
    );

    const proc = new PluginProcess({
      name: 'greeter',
      pluginDir: unpacked,
      binaryPath: path.join(unpacked, 'bin', goPlatform()),
    });
    await proc.start();
    try {
      const executor = createGrpcExecutor({
        name: 'greeter',
        sdl: await readFile(path.join(unpacked, 'src', 'schema.graphql'), 'utf8'),
        protoSchema: await readFile(path.join(unpacked, 'generated', 'service.proto'), 'utf8'),
        mapping: await readFile(path.join(unpacked, 'generated', 'mapping.json'), 'utf8'),
        channel: pluginChannel(proc),
      });
      const result = (await executor({
        document: parse(
          `{ a: hello(name: "Ada") { id text loud } b: hello(name: "Bo", loud: true) { text } }`,
        ),
      })) as ExecutionResult;
      expect(result).toEqual({
        data: { a: { id: 'g-Ada', text: 'Hello, Ada!', loud: false }, b: { text: 'HELLO, BO!' } },
      });
      const missing = (await executor({
        document: parse(`{ hello(name: "nobody") { id } }`),
      })) as ExecutionResult;
      expect(missing.errors![0]!.message).toMatch(
        /Subgraph "greeter" returned an error: QueryHello failed with NOT_FOUND: no such person/,
      );
    } finally {
      const pid = proc.status().pid!;
      await proc.stop();
      expect(isAlive(pid)).toBe(false);
    }
  }, 60_000);

  it('explains bad usage', async () => {
    expect(await runPlugin(['build'], io())).toBe(2);
    expect(await runPlugin(['build', 'does-not-exist'], io())).toBe(1);
    expect(out.join('')).toMatch(/plugin build failed: .*does-not-exist/);
  });
});
