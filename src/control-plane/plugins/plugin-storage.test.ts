import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { EMPTY_SHA256, canonicalQueryString, signV4, signingKey } from './storage/sigv4.ts';
import { FilesystemStorage } from './storage/filesystem-storage.ts';
import { S3Storage } from './storage/s3-storage.ts';
import { sweepStaleParts } from './receive-upload.ts';

// The example credentials and requests of AWS's "Signature Version 4: examples" for S3
// (sig-v4-header-based-auth), with the signatures AWS publishes for them.
const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const date = new Date('2013-05-24T00:00:00Z');
const aws = { region: 'us-east-1', service: 's3', date };
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('AWS Signature V4', () => {
  it('GET Object with a Range header', () => {
    const signed = signV4(
      { ...aws, method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY_SHA256 },
      creds,
    );
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_SHA256,
      ].join('\n'),
    );
    expect(signed.stringToSign.split('\n')[3]).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUT Object, with a key that needs encoding and a signed payload', () => {
    const body = 'Welcome to Amazon S3.';
    expect(sha(body)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signV4(
      {
        ...aws,
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha(body),
      },
      creds,
    );
    expect(signed.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(signed.stringToSign.split('\n')[3]).toBe('9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d');
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET Bucket (list objects), with a query string', () => {
    const signed = signV4({ ...aws, method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'), payloadHash: EMPTY_SHA256 }, creds);
    expect(signed.canonicalRequest.split('\n')[2]).toBe('max-keys=2&prefix=J');
    expect(signed.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('derives the signing key as documented and encodes queries the AWS way', () => {
    // AWS's "derive a signing key" example (IAM, 2012-02-15).
    expect(signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
    expect(canonicalQueryString(new URLSearchParams('b=2&a=x y&a=%2B&c='))).toBe('a=%2B&a=x%20y&b=2&c=');
  });
});

describe('filesystem storage', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-fs-storage-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('puts, heads, streams back and deletes', async () => {
    const store = new FilesystemStorage(dir);
    const data = Buffer.from('a'.repeat(100_000));
    expect(await store.head('builds/ab/x.tar.gz')).toBeNull();
    expect(await store.get('builds/ab/x.tar.gz')).toBeNull();
    await store.put('builds/ab/x.tar.gz', Readable.from([data.subarray(0, 5), data.subarray(5)]), { size: data.length, sha256: sha(data) });
    expect(await store.head('builds/ab/x.tar.gz')).toEqual({ size: data.length });
    const got = await store.get('builds/ab/x.tar.gz');
    const chunks: Buffer[] = [];
    for await (const c of got!.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    await store.delete('builds/ab/x.tar.gz');
    await store.delete('builds/ab/x.tar.gz');
    expect(await store.head('builds/ab/x.tar.gz')).toBeNull();
  });

  it('refuses a body that does not match its declared hash, leaving no file, not even a temporary one', async () => {
    const store = new FilesystemStorage(dir);
    await expect(store.put('builds/cd/y.tar.gz', Readable.from([Buffer.from('abc')]), { size: 3, sha256: sha('abd') })).rejects.toThrow(/expected 3 bytes/);
    expect(await store.head('builds/cd/y.tar.gz')).toBeNull();
    expect(await readdir(join(dir, '.tmp'))).toEqual([]);
  });

  it('sweeps old partial files a crash left behind, and keeps young ones that may be uploads in progress', async () => {
    const staging = join(dir, '.staging');
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    await writeFile(join(staging, 'upload-old.part'), 'x');
    await writeFile(join(staging, 'upload-new.part'), 'x');
    await writeFile(join(staging, 'keep.txt'), 'x');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await utimes(join(staging, 'upload-old.part'), dayAgo, dayAgo);
    expect(await sweepStaleParts(staging, 24 * 3_600_000)).toBe(1);
    expect((await readdir(staging)).sort()).toEqual(['keep.txt', 'upload-new.part']);
    expect(await sweepStaleParts(join(dir, 'missing'), 0)).toBe(0);
  });

  it('refuses keys that could leave its directory', async () => {
    const store = new FilesystemStorage(dir);
    await expect(store.head('../etc/passwd')).rejects.toThrow(/invalid storage key/);
    await expect(store.head('/etc/passwd')).rejects.toThrow(/invalid storage key/);
  });
});

describe('S3 storage over HTTP', () => {
  // Nothing S3-compatible runs here; this stand-in checks what goes over the wire:
  // path-style URLs, a streamed body with Content-Length, and a signature that holds
  // for the headers as actually received.
  const objects = new Map<string, Buffer>();
  const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  let server: Server;
  let endpoint: string;
  const config = { kind: 's3' as const, bucket: 'plugins', region: 'us-east-1', accessKeyId: 'AKIDTEST', secretAccessKey: 'secret/key' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers });
        const url = new URL(req.url!, `http://${req.headers.host}`);
        const resigned = signV4(
          {
            method: req.method!,
            url,
            headers: Object.fromEntries(
              String(req.headers.authorization)
                .match(/SignedHeaders=([^,]+)/)![1]!
                .split(';')
                .filter((h) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(h))
                .map((h) => [h, String(req.headers[h])]),
            ),
            payloadHash: String(req.headers['x-amz-content-sha256']),
            region: 'us-east-1',
            service: 's3',
            date: new Date(String(req.headers['x-amz-date']).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')),
          },
          config,
        );
        if (resigned.headers.authorization !== req.headers.authorization) {
          res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error>');
          return;
        }
        const key = url.pathname;
        const body = Buffer.concat(chunks);
        if (req.method === 'PUT') {
          if (sha(body) !== req.headers['x-amz-content-sha256']) return void res.writeHead(400).end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
          objects.set(key, body);
          return void res.writeHead(200).end();
        }
        const found = objects.get(key);
        if (req.method === 'DELETE') {
          objects.delete(key);
          return void res.writeHead(204).end();
        }
        if (!found) return void res.writeHead(404).end(req.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code></Error>');
        res.writeHead(200, { 'content-length': found.length });
        res.end(req.method === 'HEAD' ? undefined : found);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('round-trips an object path-style with a streamed, hash-checked upload', async () => {
    const store = new S3Storage({ ...config, endpoint });
    const data = Buffer.from('x'.repeat(300_000));
    expect(await store.head('builds/ab/o.tar.gz')).toBeNull();
    expect(await store.get('builds/ab/o.tar.gz')).toBeNull();
    await store.put('builds/ab/o.tar.gz', Readable.from([data.subarray(0, 1000), data.subarray(1000)]), { size: data.length, sha256: sha(data) });
    const put = seen.find((s) => s.method === 'PUT')!;
    expect(put.url).toBe('/plugins/builds/ab/o.tar.gz');
    expect(put.headers['content-length']).toBe(String(data.length));
    expect(put.headers['x-amz-content-sha256']).toBe(sha(data));
    expect(await store.head('builds/ab/o.tar.gz')).toEqual({ size: data.length });
    const got = await store.get('builds/ab/o.tar.gz');
    const chunks: Buffer[] = [];
    for await (const c of got!.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    await store.delete('builds/ab/o.tar.gz');
    expect(await store.head('builds/ab/o.tar.gz')).toBeNull();
  });

  it("surfaces the store's error code", async () => {
    const store = new S3Storage({ ...config, endpoint, secretAccessKey: 'wrong' });
    await expect(store.put('builds/x.tar.gz', Readable.from([Buffer.from('abc')]), { size: 3, sha256: sha('abc') })).rejects.toThrow(
      /S3 PUT builds\/x\.tar\.gz failed with 403 SignatureDoesNotMatch: bad signature/,
    );
  });
});

describe('plugin storage configuration', () => {
  it('defaults to plugins/ in the data dir, beside the database in pglite/', () => {
    expect(loadConfig({}).plugins).toMatchObject({ maxBytes: 200 * 1024 * 1024, storage: { kind: 'filesystem', dir: join('.switchyard', 'data', 'plugins') } });
    const explicit = loadConfig({ SWITCHYARD_DATA_DIR: '/var/lib/sy' });
    expect(explicit.plugins.storage).toEqual({ kind: 'filesystem', dir: '/var/lib/sy/plugins' });
    expect(explicit.database).toEqual({ kind: 'pglite', dataDir: '/var/lib/sy/pglite' });
    const own = loadConfig({ SWITCHYARD_PLUGIN_STORAGE_DIR: '/srv/builds', SWITCHYARD_PLUGIN_MAX_BYTES: '1024' }).plugins;
    expect(own).toEqual({ maxBytes: 1024, storage: { kind: 'filesystem', dir: '/srv/builds' }, stagingDir: '/srv/builds/.staging' });
  });

  it('uses S3 when all five variables are set, and names the missing ones otherwise', () => {
    const s3 = {
      SWITCHYARD_S3_ENDPOINT: 'http://127.0.0.1:9000',
      SWITCHYARD_S3_BUCKET: 'plugins',
      SWITCHYARD_S3_REGION: 'us-east-1',
      SWITCHYARD_S3_ACCESS_KEY_ID: 'id',
      SWITCHYARD_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(s3).plugins.storage).toMatchObject({ kind: 's3', endpoint: 'http://127.0.0.1:9000', bucket: 'plugins' });
    expect(() => loadConfig({ SWITCHYARD_S3_BUCKET: 'plugins' })).toThrow(
      /SWITCHYARD_S3_ENDPOINT: is required because SWITCHYARD_S3_BUCKET is set[\s\S]*SWITCHYARD_S3_SECRET_ACCESS_KEY: is required/,
    );
    expect(() => loadConfig({ ...s3, SWITCHYARD_S3_ENDPOINT: 'ftp://x' })).toThrow(/SWITCHYARD_S3_ENDPOINT: must be an http\(s\) URL/);
    expect(() => loadConfig({ SWITCHYARD_PLUGIN_MAX_BYTES: 'lots' })).toThrow(/SWITCHYARD_PLUGIN_MAX_BYTES: must be a number of bytes/);
  });
});
