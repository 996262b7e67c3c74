import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRouterPlugins, routerBaseUrl, RouterUnreachableError } from './get-router-plugins.ts';

const status = {
  name: 'books',
  build: 'books@0123456789abcdef',
  state: 'serving',
  pid: 42,
  restarts: 1,
  lastError: null,
  coldStartMs: 80,
  servingSince: '2026-01-01T00:00:00.000Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('router plugin status', () => {
  it('finds the router from the graph routing URL', () => {
    expect(routerBaseUrl('http://localhost:3002/graphql')).toBe('http://localhost:3002');
    expect(routerBaseUrl('https://router.example/graphql/')).toBe('https://router.example');
    expect(routerBaseUrl('https://router.example/custom')).toBe('https://router.example/custom');
  });

  it('reads GET /plugins', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ supervised: true, plugins: [status] }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(getRouterPlugins('http://localhost:3002/graphql')).resolves.toEqual({ supervised: true, plugins: [status] });
    expect(fetchMock).toHaveBeenCalledWith('http://localhost:3002/plugins', expect.anything());
  });

  it('says why when the router cannot be read', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const down = getRouterPlugins('http://localhost:3002/graphql');
    await expect(down).rejects.toBeInstanceOf(RouterUnreachableError);
    await expect(down).rejects.toThrow(/No answer from http:\/\/localhost:3002\/plugins: the router is not running there/);

    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })));
    await expect(getRouterPlugins('http://localhost:3002/graphql')).rejects.toThrow(/answered 404/);

    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>', { status: 200 })));
    await expect(getRouterPlugins('http://localhost:3002/graphql')).rejects.toThrow(/did not answer with a plugin list/);
  });
});
