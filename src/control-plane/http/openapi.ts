import { z } from 'zod';
import type { RegisteredRoute } from './route.ts';
import { errorBodySchema } from '../../shared/api/errors.ts';

const toJson = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** Builds the OpenAPI 3.1 document from the same zod schemas that validate requests. */
export function buildOpenApi(routes: RegisteredRoute[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const json = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || json.required?.includes(name), schema: s });
      }
    }
    const status = String(r.status ?? 200);
    const security =
      r.access.kind === 'public' ? [] : [{ sessionCookie: [] }, { apiKey: [] }];
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.access.kind === 'org' ? { description: `Requires the ${r.access.role} role in the organization.` } : {}),
      security,
      parameters,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } } }
        : {}),
      responses: {
        [status]: {
          description: status === '204' ? 'No content' : 'Success',
          ...(r.response ? { content: { 'application/json': { schema: toJson(r.response, 'output') } } } : {}),
        },
        '4XX': { description: 'Client error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchyard control plane', version: info.version },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: toJson(errorBodySchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'switchyard_session', description: 'Writes also need the X-CSRF-Token header.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created in Settings → API keys.' },
      },
    },
  };
}
