import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import { buildKey } from './storage/plugin-storage.ts';
import { S3Storage } from './storage/s3-storage.ts';
import { pluginEntries, tarGzOf, uploadBuild } from './testing/plugin-archives.ts';
import { pluginPaths } from '../../shared/api/plugins.ts';

// Plugin storage against s3rver, an independent S3-compatible server: path-style URLs,
// streamed PUTs with Content-Length, HEAD, GET, DELETE and XML errors as another
// implementation reads them. s3rver checks the access key but not V4 signatures; those are
// tested against AWS's published examples in plugin-storage.test.ts.
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let s3: S3rver;
let dir: string;
let endpoint: string;
const config = () => ({ kind: 's3' as const, endpoint, bucket: 'plugins', region: 'us-east-1', ...credentials });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-s3rver-'));
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'plugins' }] });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('S3 storage against an S3-compatible server', () => {
  it('puts a streamed object, heads, gets and deletes it', async () => {
    const store = new S3Storage(config());
    const data = Buffer.from('plugin bytes '.repeat(40_000));
    const key = 'builds/ab/abcdef.tar.gz';
    expect(await store.head(key)).toBeNull();
    expect(await store.get(key)).toBeNull();
    await store.put(key, Readable.from([data.subarray(0, 4096), data.subarray(4096)]), { size: data.length, sha256: sha(data) });
    expect(await store.head(key)).toEqual({ size: data.length });
    const got = await store.get(key);
    const chunks: Buffer[] = [];
    for await (const c of got!.stream) chunks.push(c as Buffer);
    expect(sha(Buffer.concat(chunks))).toBe(sha(data));
    await store.delete(key);
    expect(await store.head(key)).toBeNull();
  });

  it('is refused with an unknown access key, and says what the server said', async () => {
    const store = new S3Storage({ ...config(), accessKeyId: 'NOBODY' });
    await expect(store.put('builds/x.tar.gz', Readable.from([Buffer.from('abc')]), { size: 3, sha256: sha('abc') })).rejects.toThrow(
      /S3 PUT builds\/x\.tar\.gz failed with 403 InvalidAccessKeyId/,
    );
    const wrongBucket = new S3Storage({ ...config(), bucket: 'no-such-bucket' });
    await expect(wrongBucket.put('builds/y.tar.gz', Readable.from([Buffer.from('abc')]), { size: 3, sha256: sha('abc') })).rejects.toThrow(
      /failed with 404 NoSuchBucket/,
    );
  });
});

describe('the control plane with S3 plugin storage', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({
      SWITCHYARD_S3_ENDPOINT: endpoint,
      SWITCHYARD_S3_BUCKET: 'plugins',
      SWITCHYARD_S3_REGION: 'us-east-1',
      SWITCHYARD_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      SWITCHYARD_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
  });
  afterAll(() => ts?.close());

  it('stores an uploaded build in the bucket, serves it back byte for byte, and removes it with its plugin', async () => {
    const developer = await ts.member('developer');
    const archive = await tarGzOf(pluginEntries({ name: 'inventory', version: '1.0.0', marker: '# s3\n' }));
    const up = await uploadBuild(developer, archive, { name: 'inventory' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const store = new S3Storage(config());
    expect(await store.head(buildKey(sha(archive)))).toEqual({ size: archive.length });

    const download = await developer.raw('GET', pluginPaths.download(ORG, 'default', 'inventory', '1.0.0'));
    expect(download.status).toBe(200);
    expect(sha(Buffer.from(await download.arrayBuffer()))).toBe(sha(archive));

    expect((await developer.json('DELETE', `/api/v1/orgs/${ORG}/namespaces/default/plugins/inventory`)).status).toBe(204);
    expect(await store.head(buildKey(sha(archive)))).toBeNull();
  });
});
