import type { Router } from '../http/route.ts';
import { access } from '../http/route.ts';
import {
  collectionListSchema,
  collectionParamsSchema,
  collectionSchema,
  createCollectionRequestSchema,
  operationParamsSchema,
  playgroundParamsSchema,
  playgroundSettingsSchema,
  renameCollectionRequestSchema,
  savedOperationSchema,
  saveOperationRequestSchema,
  updateEnvironmentRequestSchema,
  updateOperationRequestSchema,
  updatePreflightRequestSchema,
} from '../../shared/api/playground.ts';
import type { PlaygroundService } from './playground-service.ts';

const base = '/api/v1/orgs/:org/namespaces/:namespace/graphs/:graph/playground';
const tag = 'playground';
const ref = (p: { namespace: string; graph: string }) => ({ namespace: p.namespace, graph: p.graph });

/** Viewers read and open everything here; developers change it. */
export function registerPlaygroundRoutes(router: Router, service: PlaygroundService) {
  router.route({
    method: 'GET',
    url: base,
    tag,
    summary: "A graph's shared playground settings: non-secret environment values and the preflight script",
    access: access.org('viewer'),
    params: playgroundParamsSchema,
    response: playgroundSettingsSchema,
    handler: ({ org, params }) => service.settings(org, ref(params)),
  });

  router.route({
    method: 'PUT',
    url: `${base}/environment`,
    tag,
    summary: 'Replace the shared environment values; a value shaped like a credential (Bearer, JWT) is refused',
    access: access.org('developer'),
    params: playgroundParamsSchema,
    body: updateEnvironmentRequestSchema,
    response: playgroundSettingsSchema,
    handler: ({ org, principal, params, body }) => service.updateEnvironment(org, principal, ref(params), body.variables),
  });

  router.route({
    method: 'PUT',
    url: `${base}/preflight`,
    tag,
    summary: "Replace the graph's preflight script (run in each member's browser before every request)",
    access: access.org('developer'),
    params: playgroundParamsSchema,
    body: updatePreflightRequestSchema,
    response: playgroundSettingsSchema,
    handler: ({ org, principal, params, body }) => service.updatePreflight(org, principal, ref(params), body.script),
  });

  router.route({
    method: 'GET',
    url: `${base}/collections`,
    tag,
    summary: "The graph's collections with their saved operations",
    access: access.org('viewer'),
    params: playgroundParamsSchema,
    response: collectionListSchema,
    handler: async ({ org, params }) => ({ collections: await service.collections(org, ref(params)) }),
  });

  router.route({
    method: 'POST',
    url: `${base}/collections`,
    tag,
    summary: 'Create a collection (409 when the graph has one of that name)',
    access: access.org('developer'),
    params: playgroundParamsSchema,
    body: createCollectionRequestSchema,
    response: collectionSchema,
    status: 201,
    handler: ({ org, principal, params, body }) => service.createCollection(org, principal, ref(params), body.name),
  });

  router.route({
    method: 'PATCH',
    url: `${base}/collections/:collection`,
    tag,
    summary: 'Rename a collection',
    access: access.org('developer'),
    params: collectionParamsSchema,
    body: renameCollectionRequestSchema,
    response: collectionSchema,
    handler: ({ org, params, body }) => service.renameCollection(org, ref(params), params.collection, body.name),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/collections/:collection`,
    tag,
    summary: 'Delete a collection and its saved operations',
    access: access.org('developer'),
    params: collectionParamsSchema,
    status: 204,
    handler: ({ org, params }) => service.deleteCollection(org, ref(params), params.collection),
  });

  router.route({
    method: 'POST',
    url: `${base}/collections/:collection/operations`,
    tag,
    summary: 'Save an operation (name, query, variables, headers, target flag) into a collection',
    access: access.org('developer'),
    params: collectionParamsSchema,
    body: saveOperationRequestSchema,
    response: savedOperationSchema,
    status: 201,
    handler: ({ org, principal, params, body }) => service.saveOperation(org, principal, ref(params), params.collection, body),
  });

  router.route({
    method: 'GET',
    url: `${base}/operations/:operation`,
    tag,
    summary: 'One saved operation (what a share link opens)',
    access: access.org('viewer'),
    params: operationParamsSchema,
    response: savedOperationSchema,
    handler: ({ org, params }) => service.operation(org, ref(params), params.operation),
  });

  router.route({
    method: 'PATCH',
    url: `${base}/operations/:operation`,
    tag,
    summary: 'Rename, edit or move a saved operation to another collection of the graph',
    access: access.org('developer'),
    params: operationParamsSchema,
    body: updateOperationRequestSchema.refine((b) => Object.keys(b).length > 0, 'Nothing to change'),
    response: savedOperationSchema,
    handler: ({ org, principal, params, body }) => service.updateOperation(org, principal, ref(params), params.operation, body),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/operations/:operation`,
    tag,
    summary: 'Delete a saved operation',
    access: access.org('developer'),
    params: operationParamsSchema,
    status: 204,
    handler: ({ org, params }) => service.deleteOperation(org, ref(params), params.operation),
  });
}
