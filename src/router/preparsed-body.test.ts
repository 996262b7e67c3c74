import { describe, expect, it } from 'vitest';
import { createGateway } from './gateway.ts';
import { defaultLimits } from './limits.ts';
import { silentLogger } from './logger.ts';
import { engineResolver } from './planner.ts';
import { parseJsonBody } from './preparsed-body.ts';
import { ClientCalls, serverContextFor } from './request-state.ts';
import { mustCompose } from './testing/helpers.ts';
import { TransportRegistry } from './transports.ts';

const json = { 'content-type': 'application/json' };

describe('parseJsonBody', () => {
  it('parses the bodies Yoga reads as JSON', () => {
    expect(parseJsonBody(json, Buffer.from('{"query":"{ a }"}'))).toEqual({ query: '{ a }' });
    expect(parseJsonBody({ 'content-type': 'application/json; charset=utf-8' }, Buffer.from('[]'))).toEqual(
      [],
    );
    expect(parseJsonBody({ 'content-type': 'application/graphql+json' }, Buffer.from('{}'))).toEqual({});
  });

  it('leaves everything else to the engine, so its errors stay its own', () => {
    expect(parseJsonBody(json, Buffer.from('{"query": "{ a }'))).toBeNull();
    expect(parseJsonBody(json, Buffer.from('null'))).toBeNull();
    expect(parseJsonBody(json, Buffer.from('"{ a }"'))).toBeNull();
    expect(parseJsonBody({ 'content-type': 'application/graphql' }, Buffer.from('{}'))).toBeNull();
    expect(parseJsonBody({}, Buffer.from('{}'))).toBeNull();
    // Yoga matches the type as written, so these reach it as bytes and get its own answer.
    expect(parseJsonBody({ 'content-type': 'Application/JSON' }, Buffer.from('{}'))).toBeNull();
    expect(
      parseJsonBody({ 'content-type': 'application/json ; charset=utf-8' }, Buffer.from('{}')),
    ).toBeNull();
  });
});

describe('the engine with a pre-parsed body', () => {
  it('executes the parameters the HTTP layer parsed, with no body to read', async () => {
    const config = mustCompose({
      subgraphs: [{ name: 'a', url: 'http://127.0.0.1:1/graphql', sdl: 'type Query { a: String }' }],
    });
    const gateway = createGateway(
      config.base,
      { servedBy: 'base', compositionId: config.base.compositionId, log: silentLogger },
      {
        limits: defaultLimits,
        subgraphTimeoutMs: 1000,
        deduplicateSubgraphRequests: true,
        transports: new TransportRegistry(),
        log: silentLogger,
        engine: engineResolver('rust', silentLogger),
        maskErrors: false,
      },
      await engineResolver('rust', silentLogger)(),
    );
    try {
      const ask = (params?: object) =>
        gateway.fetch(
          'http://router/graphql',
          { method: 'POST', headers: json },
          serverContextFor({
            plan: null,
            hadErrors: false,
            calls: new ClientCalls(),
            ...(params ? { params } : {}),
          }),
        );
      const res = await ask({ query: 'query Q { __typename }', operationName: 'Q' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
      // Without them the engine reads the (empty) body itself and refuses it.
      expect((await ask()).status).toBe(400);
    } finally {
      await gateway.dispose();
    }
  });
});
