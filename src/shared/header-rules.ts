import { z } from 'zod';

/**
 * Header rules: which client request headers a router sends on to its subgraphs. The shape is
 * Cosmo's router.yaml `headers` block (request side only), so a team can paste theirs:
 *
 *   all:        { request: [rule, …] }      rules for every subgraph, applied first
 *   subgraphs:  { <name>: { request: [rule, …] } }   then the rules of the one subgraph
 *
 * Rules run in order on the subgraph request's headers; a later rule overwrites an earlier
 * one that wrote the same header.
 */

/** RFC 9110 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Header values may not carry CR, LF or NUL (they would split or end the header). */
const HEADER_VALUE = /^[^\r\n\0]*$/;

/**
 * Never sent on by a rule, whatever it names or matches: hop-by-hop headers (RFC 9110 §7.6.1),
 * headers that describe the client's own connection or body (the engine sets its own), and
 * the router's control headers (which flag to serve, whether to include the query plan).
 */
export const NEVER_FORWARDED_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'accept',
  'accept-encoding',
  // FEATURE_FLAG_HEADER and QUERY_PLAN_HEADER (router-config.ts imports this module)
  'x-feature-flag',
  'x-include-query-plan',
]);
/** Every header whose name starts with this is the router's own. */
export const ROUTER_HEADER_PREFIX = 'x-switchyard-';

export function isNeverForwarded(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    NEVER_FORWARDED_HEADERS.has(lower) ||
    lower.startsWith(ROUTER_HEADER_PREFIX) ||
    lower.startsWith('proxy-') ||
    lower.startsWith(':')
  );
}

const headerName = z
  .string()
  .trim()
  .min(1, 'a header name is required')
  .max(256)
  .regex(HEADER_NAME, 'is not a valid header name (letters, digits and !#$%&\'*+.^_`|~-)');

const forwardableName = headerName.refine((n) => !isNeverForwarded(n), {
  message: 'is a header the router never forwards (hop-by-hop, body or router control header)',
});

const headerValue = z
  .string()
  .max(8192)
  .regex(HEADER_VALUE, 'may not contain line breaks or NUL');

/**
 * Cosmo writes patterns as Go regexps, usually with a leading `(?i)`. Header names are
 * case-insensitive, so patterns always match case-insensitively and a leading `(?i)` is
 * accepted and dropped (JavaScript has no inline flags on Node 20).
 */
export function compileHeaderPattern(pattern: string): RegExp {
  return new RegExp(pattern.replace(/^\(\?i\)/, ''), 'i');
}

const pattern = z
  .string()
  .min(1, 'a pattern is required')
  .max(256)
  .superRefine((value, ctx) => {
    try {
      compileHeaderPattern(value);
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  });

export const propagateRuleSchema = z
  .strictObject({
    op: z.literal('propagate'),
    /** the client header to forward (case-insensitive) */
    named: forwardableName.optional(),
    /** or every client header whose name matches this regular expression */
    matching: pattern.optional(),
    /** with `matching`: forward the headers that do NOT match */
    negate_match: z.boolean().optional(),
    /** forward under this name instead */
    rename: forwardableName.optional(),
    /** the value to send when the client sent no such header */
    default: headerValue.optional(),
  })
  .refine((r) => (r.named === undefined) !== (r.matching === undefined), {
    message: 'a propagate rule needs exactly one of "named" or "matching"',
  })
  .refine((r) => r.default === undefined || r.named !== undefined || r.rename !== undefined, {
    message: '"default" with "matching" needs "rename" (the name to send the default under)',
  })
  .refine((r) => r.negate_match === undefined || r.matching !== undefined, {
    message: '"negate_match" only applies to "matching"',
  });

export const setRuleSchema = z.strictObject({
  op: z.literal('set'),
  /** the header to send */
  name: forwardableName,
  /** its fixed value */
  value: headerValue,
});

export const headerRuleSchema = z.discriminatedUnion('op', [propagateRuleSchema, setRuleSchema], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'op must be "propagate" or "set"' : undefined,
});
export type HeaderRule = z.infer<typeof headerRuleSchema>;

const ruleList = z.array(headerRuleSchema).max(100, 'at most 100 rules per list');
const requestRules = z.strictObject({ request: ruleList.default([]) });

export const headerRulesSchema = z.strictObject({
  all: requestRules.default({ request: [] }),
  subgraphs: z
    .record(
      z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not a subgraph name'),
      requestRules,
    )
    .default({}),
});
/** Parsed (defaults filled in). */
export type HeaderRules = z.infer<typeof headerRulesSchema>;
/** As written in a file or an API body: every part optional. */
export type HeaderRulesInput = z.input<typeof headerRulesSchema>;

/** Forwards nothing: what a router config without header rules means. */
export const NO_HEADER_RULES: HeaderRules = { all: { request: [] }, subgraphs: {} };

/**
 * What a new graph starts with (decision 0011): the client's Authorization reaches every
 * subgraph, so a token-protected API can be explored without configuring anything first.
 */
export function defaultHeaderRules(): HeaderRules {
  return { all: { request: [{ op: 'propagate', named: 'Authorization' }] }, subgraphs: {} };
}

/** Rules of `all` then those of the subgraph: the list a call to that subgraph applies. */
export function rulesForSubgraph(rules: HeaderRules, subgraph: string): HeaderRule[] {
  const own = rules.subgraphs[subgraph]?.request ?? [];
  return own.length ? [...rules.all.request, ...own] : rules.all.request;
}

export function hasHeaderRules(rules: HeaderRules): boolean {
  return rules.all.request.length > 0 || Object.values(rules.subgraphs).some((s) => s.request.length > 0);
}
