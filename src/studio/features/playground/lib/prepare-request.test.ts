import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareRequest } from './prepare-request.ts';
import { createSessionStore } from './session-store.ts';

describe('preparing a playground request', () => {
  it('fills {{templates}} in the endpoint path, headers and variables from shared and personal values', async () => {
    const session = createSessionStore('acme', 'default/demo');
    session.actions.sharedLoaded({ tenant: 'shared-tenant', region: 'eu' }, '');
    session.getState().personal = { tenant: { value: 'mine', secret: true } };
    session.actions.setEndpointPath('/graphql/{{region}}');
    const out = await prepareRequest(session, {
      url: 'http://router:4000/graphql',
      headers: { 'x-tenant': '{{tenant}}', plain: 'as is' },
      variables: { where: { region: '{{region}}' }, first: 2 },
    });
    expect(out).toEqual({
      url: 'http://router:4000/graphql/eu',
      headers: { 'x-tenant': 'mine', plain: 'as is' },
      variables: { where: { region: 'eu' }, first: 2 },
    });
  });

  it('stops with a message naming an unknown variable', async () => {
    const session = createSessionStore('acme', 'default/demo');
    await expect(prepareRequest(session, { url: 'http://r/graphql', headers: { authorization: 'Bearer {{token}}' }, variables: undefined })).rejects.toThrow(
      'The environment has no variable "token" (used in the authorization header).',
    );
  });

  it('keeps the router origin, whatever the path, and names a variable the path lacks', async () => {
    const session = createSessionStore('acme', 'default/demo');
    session.actions.sharedLoaded({ tenant: 't1' }, '');
    session.actions.setEndpointPath('  graphql?tenant={{tenant}} ');
    const out = await prepareRequest(session, { url: 'http://router:4000/graphql', headers: {}, variables: undefined });
    expect(out.url).toBe('http://router:4000/graphql?tenant=t1');

    session.actions.setEndpointPath('/graphql?tenant={{tenant}}&region={{region}}');
    await expect(prepareRequest(session, { url: 'http://router:4000/graphql', headers: {}, variables: undefined })).rejects.toThrow(
      'The environment has no variable "region" (used in the endpoint path).',
    );
  });
});

describe('the endpoint path setting', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is kept per organization and graph in this browser, and cleared by an empty path', () => {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
      removeItem: (k: string) => void stored.delete(k),
    });
    const first = createSessionStore('acme', 'default/demo');
    first.actions.setEndpointPath('/graphql?tenant={{tenant}}');
    first.actions.selectGraph('acme', 'default/other');
    expect(first.getState().endpointPath).toBeNull();
    first.actions.setEndpointPath('/other');

    const later = createSessionStore('acme', 'default/demo');
    expect(later.getState().endpointPath).toBe('/graphql?tenant={{tenant}}');
    later.actions.selectGraph('acme', 'default/other');
    expect(later.getState().endpointPath).toBe('/other');
    later.actions.setEndpointPath('   ');
    expect(later.getState().endpointPath).toBeNull();
    expect(createSessionStore('acme', 'default/other').getState().endpointPath).toBeNull();
  });
});
