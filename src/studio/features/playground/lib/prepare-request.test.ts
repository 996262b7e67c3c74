import { describe, expect, it } from 'vitest';
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
});
