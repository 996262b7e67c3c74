/**
 * The preflight worker's source. It runs from a blob URL, so it shares the studio's origin:
 * before the script runs, the prelude swaps `fetch` for one that never sends credentials
 * and removes every API that reaches the origin's storage (IndexedDB, Cache Storage) or
 * opens other channels. Workers have no DOM, no cookies and no localStorage to begin with.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const nativeFetch = self.fetch.bind(self);
const NativeRequest = self.Request;
const safeFetch = (input, init) => nativeFetch(new NativeRequest(input, { ...(init || {}), credentials: 'omit', mode: 'cors' }));
const blocked = ['indexedDB', 'caches', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts',
  'BroadcastChannel', 'Worker', 'SharedWorker', 'cookieStore', 'WebTransport', 'FileSystemHandle'];
for (let o = self; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
  for (const name of blocked) {
    if (Object.prototype.hasOwnProperty.call(o, name)) {
      try { Object.defineProperty(o, name, { value: undefined, writable: false, configurable: false }); } catch (e) {}
    }
  }
  if (Object.prototype.hasOwnProperty.call(o, 'fetch')) {
    try { Object.defineProperty(o, 'fetch', { value: safeFetch, writable: false, configurable: false }); } catch (e) {}
  }
}
try { Object.defineProperty(self.navigator, 'storage', { value: undefined }); } catch (e) {}

const post = self.postMessage.bind(self);
const show = (v) => {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.stack || String(v);
  try { return JSON.stringify(v); } catch (e) { return String(v); }
};
const log = (level) => (...args) => post({ type: 'log', level, text: args.map(show).join(' ') });
self.console = { log: log('log'), info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };

const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s) => new TextEncoder().encode(String(s));

self.onmessage = async (event) => {
  const { script, environment } = event.data;
  const env = { ...environment };
  const changed = {};
  const headers = {};
  const lab = {
    environment: {
      get: (name) => env[name],
      set: (name, value) => { env[name] = String(value); changed[name] = String(value); },
      all: () => ({ ...env }),
    },
    request: {
      headers: {
        set: (name, value) => { headers[String(name).toLowerCase()] = String(value); },
      },
    },
    fetch: safeFetch,
    crypto: {
      randomUUID: () => self.crypto.randomUUID(),
      sha256: async (text) => hex(await self.crypto.subtle.digest('SHA-256', utf8(text))),
      hmacSha256: async (key, text) => {
        const k = await self.crypto.subtle.importKey('raw', utf8(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        return hex(await self.crypto.subtle.sign('HMAC', k, utf8(text)));
      },
      base64: (text) => btoa(String.fromCharCode(...utf8(text))),
      fromBase64: (b64) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
    },
  };
  try {
    const AsyncFunction = (async () => {}).constructor;
    await new AsyncFunction('lab', 'fetch', 'console', script)(lab, safeFetch, self.console);
    post({ type: 'done', headers, environment: changed });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.name + ': ' + err.message : 'threw ' + show(err) });
  }
};
`;
