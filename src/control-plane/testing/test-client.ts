/** A tiny HTTP client for tests that keeps the session cookie and CSRF token like the studio does. */
export class TestClient {
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  withApiKey(key: string): TestClient {
    const c = new TestClient(this.baseUrl);
    c.bearer = key;
    return c;
  }

  async raw(method: string, path: string, init: { body?: string | Uint8Array<ArrayBuffer> | Blob; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookie && !('cookie' in headers)) headers.cookie = this.cookie;
    if (this.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    if (this.bearer && !('authorization' in headers)) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { method, headers, body: init.body });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (pair?.startsWith('switchyard_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    return res;
  }

  async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.raw(method, path, {
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON; keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } } };
  }

  async login(email: string, password: string) {
    const res = await this.json('POST', '/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed (${res.status}): ${JSON.stringify(res.body)}`);
    this.csrf = (res.body as { csrfToken: string }).csrfToken;
    return res;
  }

  async refreshCsrf() {
    const res = await this.json('GET', '/api/v1/auth/me');
    this.csrf = (res.body as { csrfToken: string }).csrfToken;
  }
}
