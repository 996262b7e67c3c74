import { z } from 'zod';
import { API_PREFIX } from './paths.ts';
import { resourceNameSchema } from '../names.ts';
import { graphParamsSchema } from './graphs.ts';

/** Playground API paths (environments, preflight script, collections), per graph. */
const e = encodeURIComponent;
const base = (org: string, namespace: string, graph: string) =>
  `${API_PREFIX}/orgs/${e(org)}/namespaces/${e(namespace)}/graphs/${e(graph)}/playground`;

export const playgroundPaths = {
  settings: base,
  environment: (org: string, ns: string, graph: string) => `${base(org, ns, graph)}/environment`,
  preflight: (org: string, ns: string, graph: string) => `${base(org, ns, graph)}/preflight`,
  collections: (org: string, ns: string, graph: string) => `${base(org, ns, graph)}/collections`,
  collection: (org: string, ns: string, graph: string, id: string) => `${base(org, ns, graph)}/collections/${e(id)}`,
  collectionOperations: (org: string, ns: string, graph: string, id: string) =>
    `${base(org, ns, graph)}/collections/${e(id)}/operations`,
  operation: (org: string, ns: string, graph: string, id: string) => `${base(org, ns, graph)}/operations/${e(id)}`,
} as const;

/** `{{name}}` in headers, variables and the endpoint path; names like shell variables. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
export const MAX_ENV_VALUES = 100;
export const MAX_ENV_VALUE_LENGTH = 4096;
export const MAX_SCRIPT_LENGTH = 64 * 1024;
export const MAX_OPERATION_TEXT = 256 * 1024;

const ENV_NAME_RULE = 'starts with a letter or "_" and has only letters, digits, "_", "-" and "." (at most 64)';

export const sharedEnvironmentSchema = z
  .record(z.string(), z.string().max(MAX_ENV_VALUE_LENGTH, `A value is at most ${MAX_ENV_VALUE_LENGTH} characters`))
  .superRefine((vars, ctx) => {
    const names = Object.keys(vars);
    if (names.length > MAX_ENV_VALUES) ctx.addIssue({ code: 'custom', message: `At most ${MAX_ENV_VALUES} shared variables` });
    for (const name of names) {
      if (!ENV_NAME_PATTERN.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `The variable name "${name}" is not valid: a name ${ENV_NAME_RULE}` });
    }
  });

export const updateEnvironmentRequestSchema = z.object({ variables: sharedEnvironmentSchema }).strict();
export const updatePreflightRequestSchema = z
  .object({ script: z.string().max(MAX_SCRIPT_LENGTH, `A preflight script is at most ${MAX_SCRIPT_LENGTH / 1024} KiB`) })
  .strict();

const changedSchema = z.object({ updatedBy: z.string().nullable(), updatedAt: z.string().nullable() });

export const playgroundSettingsSchema = z.object({
  /** Shared, non-secret values; secrets stay in each person's browser. */
  environment: z.object({ variables: sharedEnvironmentSchema }).extend(changedSchema.shape),
  preflight: z.object({ script: z.string() }).extend(changedSchema.shape),
});
export type PlaygroundSettings = z.infer<typeof playgroundSettingsSchema>;

const opName = z.string().trim().min(1, 'The name is empty').max(200, 'A name is at most 200 characters');
const collectionName = z.string().trim().min(1, 'The name is empty').max(100, 'A name is at most 100 characters');
const editorText = z.string().max(MAX_OPERATION_TEXT, `At most ${MAX_OPERATION_TEXT / 1024} KiB`);

export const savedOperationSchema = z.object({
  id: z.string(),
  collectionId: z.string(),
  name: z.string(),
  query: z.string(),
  variables: z.string(),
  headers: z.string(),
  /** The feature flag it runs against; null for the base graph. */
  flag: z.string().nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type SavedOperation = z.infer<typeof savedOperationSchema>;

export const collectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  operations: z.array(savedOperationSchema),
});
export type Collection = z.infer<typeof collectionSchema>;
export const collectionListSchema = z.object({ collections: z.array(collectionSchema) });

export const createCollectionRequestSchema = z.object({ name: collectionName }).strict();
export const renameCollectionRequestSchema = createCollectionRequestSchema;

export const saveOperationRequestSchema = z
  .object({
    name: opName,
    query: editorText.min(1, 'The query is empty'),
    variables: editorText.default(''),
    headers: editorText.default(''),
    flag: resourceNameSchema.nullable().default(null),
  })
  .strict();
export type SaveOperationRequest = z.input<typeof saveOperationRequestSchema>;

export const updateOperationRequestSchema = z
  .object({
    name: opName.optional(),
    /** Moves the operation to another collection of the same graph. */
    collectionId: z.uuid('collectionId is not a collection id').optional(),
    query: editorText.min(1, 'The query is empty').optional(),
    variables: editorText.optional(),
    headers: editorText.optional(),
    flag: resourceNameSchema.nullable().optional(),
  })
  .strict();
export type UpdateOperationRequest = z.input<typeof updateOperationRequestSchema>;

export const playgroundParamsSchema = graphParamsSchema;
export const collectionParamsSchema = graphParamsSchema.extend({ collection: z.uuid('Not a collection id') });
export const operationParamsSchema = graphParamsSchema.extend({ operation: z.uuid('Not an operation id') });
