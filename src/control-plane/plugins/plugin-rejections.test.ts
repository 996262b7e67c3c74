import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../testing/test-client.ts';
import {
  buildsPath,
  countRows,
  fakeBinary,
  filesUnder,
  pluginEntries,
  startPluginTestServer,
  tarGzOf,
  tarOf,
  type Entry,
} from './testing/plugin-archives.ts';

// A small limit, so the oversize cases need no large bodies.
const MAX_BYTES = 16 * 1024;

let ts: Awaited<ReturnType<typeof startPluginTestServer>>;
let developer: TestClient;

beforeAll(async () => {
  ts = await startPluginTestServer({ SWITCHYARD_PLUGIN_MAX_BYTES: String(MAX_BYTES) });
  developer = await ts.member('developer');
});
afterAll(() => ts.close());

const path = buildsPath('products');

async function send(body: Buffer | ReadableStream, headers: Record<string, string> = { 'content-type': 'application/gzip' }) {
  const res =
    body instanceof ReadableStream
      ? await fetch(ts.url + path, { method: 'POST', body, headers: { ...headers, cookie: developer.cookie!, 'x-csrf-token': developer.csrf! }, duplex: 'half' } as RequestInit)
      : await developer.raw('POST', path, { body: new Blob([new Uint8Array(body)]), headers });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { error: { code: string; message: string; details?: Record<string, unknown> } } };
}

/** Each rejection: the status, a message that says what is wrong, and no row and no file left anywhere. */
async function expectRejected(body: Buffer | ReadableStream, status: number, message: RegExp, details?: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await send(body, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.message).toMatch(message);
  if (details) expect(res.body.error.details).toMatchObject(details);
  expect(await countRows(ts, 'plugins')).toBe(0);
  expect(await countRows(ts, 'plugin_builds')).toBe(0);
  // Storage and its staging area (which lives inside it) hold nothing, not even temp files.
  expect(await filesUnder(ts.storageDir)).toEqual([]);
  return res;
}

const withEntry = (extra: Entry) => tarGzOf(pluginEntries({ extra: [extra] }));

describe('rejected plugin archives', () => {
  it('path traversal with ".."', async () => {
    await expectRejected(await withEntry({ name: '../evil', content: 'x' }), 400, /Archive entry "\.\.\/evil" contains a "\.\." segment/, { entry: '../evil' });
    await expectRejected(await withEntry({ name: 'src/../../evil', content: 'x' }), 400, /"src\/\.\.\/\.\.\/evil" contains a "\.\." segment/);
  });

  it('an absolute path', async () => {
    await expectRejected(await withEntry({ name: '/etc/x', content: 'x' }), 400, /Archive entry "\/etc\/x" is an absolute path/, { entry: '/etc/x' });
  });

  it('a symlink pointing out of the archive, and links of any kind', async () => {
    await expectRejected(
      await withEntry({ name: 'bin/x', type: 'symlink', linkname: '/etc/passwd' }),
      400,
      /Archive entry "bin\/x" is a symbolic link pointing to "\/etc\/passwd"; a plugin build may contain only regular files and directories/,
      { entry: 'bin/x' },
    );
    await expectRejected(await withEntry({ name: 'bin/y', type: 'symlink', linkname: 'linux_amd64' }), 400, /"bin\/y" is a symbolic link/);
    await expectRejected(await withEntry({ name: 'bin/z', type: 'link', linkname: 'bin/linux_amd64' }), 400, /"bin\/z" is a hard link/);
  });

  it('device files and FIFOs', async () => {
    await expectRejected(await withEntry({ name: 'dev/null', type: 'character-device' }), 400, /"dev\/null" is a character device/);
    await expectRejected(await withEntry({ name: 'dev/sda', type: 'block-device' }), 400, /"dev\/sda" is a block device/);
    await expectRejected(await withEntry({ name: 'pipe', type: 'fifo' }), 400, /"pipe" is a FIFO/);
  });

  it('oversize, by Content-Length before reading and by counting a streamed body', async () => {
    const big = gzipSync(Buffer.concat([await tarOf(pluginEntries()), Buffer.from(crypto.getRandomValues(new Uint8Array(MAX_BYTES)))]), { level: 0 });
    await expectRejected(big, 413, /larger than the limit of 16 KB/);
    // No Content-Length: the server has to count, stop, and clean up its partial file.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= big.length) return controller.close();
        const chunk = big.subarray(sent, sent + 4096);
        sent += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const res = await expectRejected(stream, 413, /larger than the limit/);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('not gzip, truncated gzip, and gzip that is not a tar', async () => {
    await expectRejected(Buffer.from('this is not a gzip file at all'), 400, /not a valid gzip file/);
    const valid = await tarGzOf(pluginEntries());
    await expectRejected(valid.subarray(0, valid.length - 40), 400, /not a complete gzip file/);
    await expectRejected(gzipSync(Buffer.from('hello, plain text inside gzip')), 400, /is gzip, but what it holds is not a valid tar archive/);
    await expectRejected(gzipSync(Buffer.alloc(4096, 'x')), 400, /not a valid tar archive/);
  });

  it('a missing schema, with a hint when the plugin directory itself was packed', async () => {
    await expectRejected(await tarGzOf(pluginEntries({ omit: ['src/schema.graphql'] })), 400, /no schema: add src\/schema\.graphql/);
    const wrapped = pluginEntries().map((e) => ({ ...e, name: `myplugin/${e.name}` }));
    await expectRejected(await tarGzOf(wrapped), 400, /It has myplugin\/src\/schema\.graphql: pack the plugin directory's contents/);
  });

  it('a missing or non-executable binary', async () => {
    await expectRejected(await tarGzOf(pluginEntries({ omit: ['bin/linux_amd64', 'bin/darwin_arm64'] })), 400, /no plugin binary: add an executable bin\/<os>_<arch>/);
    await expectRejected(
      await tarGzOf([...pluginEntries({ omit: ['bin/linux_amd64', 'bin/darwin_arm64'] }), { name: 'bin/linux-x64', content: fakeBinary, mode: 0o755 }]),
      400,
      /bin\/ has bin\/linux-x64, but binaries are named with Go's GOOS_GOARCH/,
    );
    await expectRejected(
      await tarGzOf([...pluginEntries({ omit: ['bin/linux_amd64'] }), { name: 'bin/linux_amd64', content: fakeBinary, mode: 0o644 }]),
      400,
      /bin\/linux_amd64 is not executable \(mode 0644\)/,
      { entry: 'bin/linux_amd64' },
    );
  });

  it('a schema syntax error names the file, line and column', async () => {
    const res = await expectRejected(await tarGzOf(pluginEntries({ schema: 'type Query {\n  a: Int\n  b: \n}\n' })), 400, /^src\/schema\.graphql: Syntax error at line 4, column 1/, {
      file: 'src/schema.graphql',
      line: 4,
      column: 1,
    });
    expect(res.body.error.code).toBe('bad_request');
  });

  it('a schema that cannot become a gRPC service', async () => {
    await expectRejected(await tarGzOf(pluginEntries({ schema: 'type Query { a: Missing }' })), 400, /src\/schema\.graphql cannot be mapped to a gRPC service/);
  });

  it('bad plugin.json and generated files', async () => {
    await expectRejected(await withEntry({ name: 'plugin.json', content: '{ nope' }), 400, /plugin\.json is not valid JSON/);
    await expectRejected(await withEntry({ name: 'plugin.json', content: '{"version":"1 0"}' }), 400, /plugin\.json: "version": Version must start/);
    await expectRejected(await withEntry({ name: 'plugin.json', content: '{"name":"orders"}' }), 400, /plugin\.json names the plugin "orders", but this upload is for plugin "products"/);
    await expectRejected(await withEntry({ name: 'generated/service.proto', content: 'syntax = "proto3";' }), 400, /generated\/service\.proto but no generated\/mapping\.json/);
    await expectRejected(
      await tarGzOf(
        pluginEntries({
          extra: [
            { name: 'generated/service.proto', content: 'syntax = "proto3"; message {' },
            { name: 'generated/mapping.json', content: '{"service":"ProductsService"}' },
          ],
        }),
      ),
      400,
      /generated\/service\.proto: does not parse/,
    );
  });

  it('duplicate entries and a file that is also a directory', async () => {
    await expectRejected(await withEntry({ name: 'src/schema.graphql', content: 'type Query { b: Int }' }), 400, /"src\/schema\.graphql" appears more than once/);
    await expectRejected(await tarGzOf([...pluginEntries(), { name: 'x', content: '1' }, { name: 'x/y', content: '2' }]), 400, /"x" is both a file and a directory/);
  });

  it('the wrong Content-Type, an empty body and an unknown namespace', async () => {
    const archive = await tarGzOf(pluginEntries());
    await expectRejected(archive, 415, /Content-Type application\/gzip \(got application\/json\)/, undefined, { 'content-type': 'application/json' });
    await expectRejected(Buffer.alloc(0), 400, /body is empty|request body/);
  });
});
