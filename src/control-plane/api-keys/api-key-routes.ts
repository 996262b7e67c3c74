import type { Router } from '../http/route.ts';
import { access } from '../http/route.ts';
import type { ApiKeyService } from './api-key-service.ts';
import {
  apiKeyListSchema,
  apiKeyParamsSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  orgParamsSchema,
} from '../../shared/api/organizations.ts';

export function registerApiKeyRoutes(router: Router, apiKeys: ApiKeyService) {
  router.route({
    method: 'GET',
    url: '/api/v1/orgs/:org/api-keys',
    tag: 'api-keys',
    summary: 'List API keys (never their secrets)',
    access: access.org('admin'),
    params: orgParamsSchema,
    response: apiKeyListSchema,
    handler: async ({ org }) => ({ apiKeys: await apiKeys.list(org) }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/orgs/:org/api-keys',
    tag: 'api-keys',
    summary: 'Create an API key; the secret is in this answer only',
    access: access.org('admin'),
    params: orgParamsSchema,
    body: createApiKeyRequestSchema,
    response: createdApiKeySchema,
    status: 201,
    handler: ({ org, principal, body }) => apiKeys.create(org, principal, body),
  });

  router.route({
    method: 'DELETE',
    url: '/api/v1/orgs/:org/api-keys/:keyId',
    tag: 'api-keys',
    summary: 'Revoke an API key; it stops working at once',
    access: access.org('admin'),
    params: apiKeyParamsSchema,
    response: apiKeySchema,
    handler: ({ org, params }) => apiKeys.revoke(org, params.keyId),
  });
}
