/**
 * Just enough of a browser for protocol tests: a cookie jar per origin, redirects followed
 * by hand (so each hop's cookies are kept), and HTML forms submitted as a person would.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    cookies.set(name, value);
    this.jar.set(origin, cookies);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = [...(this.jar.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = { 'user-agent': 'switchyard-test-browser' };
    if (cookies) headers.cookie = cookies;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!) < new Date()));
      if (expired || value === '') this.jar.get(origin)?.delete(name);
      else this.setCookie(origin, name, value);
    }
    return res;
  }

  /**
   * Follows redirects until a page answers, or until the next hop is a URL `stopBefore`
   * matches (which is then returned unvisited, with status 0); returns where the browser ended up.
   */
  stopBefore: ((url: URL) => boolean) | undefined;

  async navigate(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    let res = await this.request(url, init);
    let current = url;
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      current = new URL(res.headers.get('location')!, current).toString();
      await res.body?.cancel();
      if (this.stopBefore?.(new URL(current))) return { url: new URL(current), status: 0, html: '' };
      res = await this.request(current);
    }
    return { url: new URL(current), status: res.status, html: await res.text() };
  }

  /** Submits the page's first form (or the one whose action contains `actionPart`) with its hidden fields plus `fields`. */
  async submit(page: Page, fields: Record<string, string>, actionPart?: string): Promise<Page> {
    const forms = [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
    const form = forms.find((f) => !actionPart || attr(f[1]!, 'action')?.includes(actionPart));
    if (!form) throw new Error(`no form${actionPart ? ` posting to *${actionPart}*` : ''} on ${page.url.toString()}:\n${page.html.slice(0, 500)}`);
    const hidden: Record<string, string> = {};
    for (const input of form[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1]!, 'name');
      if (name && attr(input[1]!, 'type') === 'hidden') hidden[name] = decodeEntities(attr(input[1]!, 'value') ?? '');
    }
    const action = new URL(decodeEntities(attr(form[1]!, 'action') ?? page.url.toString()), page.url).toString();
    return this.navigate(action, { method: 'POST', form: { ...hidden, ...fields } });
  }

  /** Follows the first link whose text contains `text`. */
  async follow(page: Page, text: string): Promise<Page> {
    const link = [...page.html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)].find((a) => a[2]!.includes(text));
    if (!link) throw new Error(`no link "${text}" on ${page.url.toString()}`);
    return this.navigate(new URL(decodeEntities(attr(link[1]!, 'href')!), page.url).toString());
  }
}

export interface Page {
  url: URL;
  status: number;
  html: string;
}

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attrs)?.[1];
const decodeEntities = (s: string) =>
  s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x2F;/gi, '/').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
