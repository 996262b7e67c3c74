import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { PluginStorageConfig } from '../plugin-config.ts';
import { assertValidKey, type PluginStorage } from './plugin-storage.ts';
import { EMPTY_SHA256, signV4 } from './sigv4.ts';

type S3Config = Extract<PluginStorageConfig, { kind: 's3' }>;

const SMALL_REQUEST_TIMEOUT_MS = 30_000;

/**
 * S3-compatible object storage over plain fetch, path-style
 * (`<endpoint>/<bucket>/<key>`), which every S3-compatible server accepts. Uploads
 * stream with a fixed Content-Length and the payload's real SHA-256 as
 * x-amz-content-sha256, so the server itself rejects a body that does not match.
 */
export class S3Storage implements PluginStorage {
  readonly kind = 's3' as const;
  private readonly base: URL;

  constructor(
    private readonly config: S3Config,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.base = new URL(config.endpoint);
  }

  describe(): string {
    return `s3 ${this.base.origin}/${this.config.bucket}`;
  }

  private urlOf(key: string): URL {
    assertValidKey(key);
    const url = new URL(this.base.toString());
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${this.config.bucket}/${key}`;
    return url;
  }

  private async send(
    method: string,
    key: string,
    init: { payloadHash?: string; headers?: Record<string, string>; body?: Readable; timeoutMs?: number } = {},
  ): Promise<Response> {
    const url = this.urlOf(key);
    const signed = signV4(
      { method, url, headers: init.headers ?? {}, payloadHash: init.payloadHash ?? EMPTY_SHA256, region: this.config.region, service: 's3', date: this.now() },
      this.config,
    );
    // fetch derives Host from the URL; it is signed with exactly that value.
    const { host: _host, ...headers } = signed.headers;
    return this.fetchImpl(url, {
      method,
      headers,
      ...(init.body ? { body: Readable.toWeb(init.body) as ReadableStream, duplex: 'half' } : {}),
      ...(init.timeoutMs ? { signal: AbortSignal.timeout(init.timeoutMs) } : {}),
    } as RequestInit);
  }

  async put(key: string, body: Readable, info: { size: number; sha256: string }): Promise<void> {
    const res = await this.send('PUT', key, {
      body,
      payloadHash: info.sha256,
      headers: { 'content-length': String(info.size), 'content-type': 'application/gzip' },
    });
    if (!res.ok) throw await s3Error('PUT', key, res);
    await res.body?.cancel();
  }

  async get(key: string): Promise<{ stream: Readable; size: number } | null> {
    const res = await this.send('GET', key);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok || !res.body) throw await s3Error('GET', key, res);
    return { stream: Readable.fromWeb(res.body as WebReadableStream), size: Number(res.headers.get('content-length') ?? 0) };
  }

  async head(key: string): Promise<{ size: number } | null> {
    const res = await this.send('HEAD', key, { timeoutMs: SMALL_REQUEST_TIMEOUT_MS });
    if (res.status === 404) return null;
    if (!res.ok) throw await s3Error('HEAD', key, res);
    return { size: Number(res.headers.get('content-length') ?? 0) };
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key, { timeoutMs: SMALL_REQUEST_TIMEOUT_MS });
    await res.body?.cancel();
    if (!res.ok && res.status !== 404) throw await s3Error('DELETE', key, res);
  }
}

/** S3 answers errors as XML with <Code> and <Message>; keep both for the log. */
async function s3Error(method: string, key: string, res: Response): Promise<Error> {
  const text = method === 'HEAD' ? '' : await res.text().catch(() => '');
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return new Error(`S3 ${method} ${key} failed with ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`);
}
