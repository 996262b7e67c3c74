import {
  compileHeaderPattern,
  hasHeaderRules,
  isNeverForwarded,
  rulesForSubgraph,
  type HeaderRule,
  type HeaderRules,
} from '../shared/header-rules.ts';
import { FEATURE_FLAG_COOKIE } from '../shared/router-config.ts';
import type { SubgraphCallOptions } from './subgraph-calls.ts';

/** The headers one subgraph call sends, from the client request's headers. */
export type SubgraphHeaders = (subgraph: string, client: Headers) => Record<string, string> | null;

type CompiledRule =
  | { op: 'set'; name: string; value: string }
  | { op: 'named'; from: string; to: string; fallback: string | undefined }
  | { op: 'matching'; pattern: RegExp; negate: boolean; to: string | undefined; fallback: string | undefined };

/**
 * Compiles a graph's header rules once (patterns included); the result computes the headers
 * of one subgraph call. Names are lower-cased: HTTP/2 and gRPC metadata require it, and
 * HTTP/1.1 does not care.
 */
export function compileHeaderRules(rules: HeaderRules): SubgraphHeaders {
  const cache = new Map<string, CompiledRule[]>();
  const forSubgraph = (subgraph: string) => {
    let compiled = cache.get(subgraph);
    if (!compiled) {
      compiled = rulesForSubgraph(rules, subgraph).map(compileRule);
      cache.set(subgraph, compiled);
    }
    return compiled;
  };
  return (subgraph, client) => {
    const list = forSubgraph(subgraph);
    if (list.length === 0) return null;
    const out: Record<string, string> = {};
    for (const rule of list) applyRule(rule, client, out);
    return Object.keys(out).length ? out : null;
  };
}

function compileRule(rule: HeaderRule): CompiledRule {
  if (rule.op === 'set') return { op: 'set', name: rule.name.toLowerCase(), value: rule.value };
  const to = rule.rename?.toLowerCase();
  if (rule.named !== undefined) {
    const from = rule.named.toLowerCase();
    return { op: 'named', from, to: to ?? from, fallback: rule.default };
  }
  return {
    op: 'matching',
    pattern: compileHeaderPattern(rule.matching ?? ''),
    negate: rule.negate_match ?? false,
    to,
    fallback: rule.default,
  };
}

function applyRule(rule: CompiledRule, client: Headers, out: Record<string, string>): void {
  switch (rule.op) {
    case 'set':
      // The schema refuses never-forwarded names; checked again for configs built by hand.
      if (!isNeverForwarded(rule.name)) out[rule.name] = rule.value;
      return;
    case 'named': {
      if (isNeverForwarded(rule.from) || isNeverForwarded(rule.to)) return;
      const value = forwardable(rule.from, client.get(rule.from));
      if (value !== null) out[rule.to] = value;
      else if (rule.fallback !== undefined) out[rule.to] = rule.fallback;
      return;
    }
    case 'matching': {
      let matched = false;
      client.forEach((raw, name) => {
        // Hop-by-hop and router headers never go out, even when a pattern matches them.
        if (isNeverForwarded(name) || rule.pattern.test(name) === rule.negate) return;
        const to = rule.to ?? name;
        if (isNeverForwarded(to)) return;
        const value = forwardable(name, raw);
        if (value === null) return;
        out[to] = value;
        matched = true;
      });
      if (!matched && rule.fallback !== undefined && rule.to && !isNeverForwarded(rule.to))
        out[rule.to] = rule.fallback;
      return;
    }
  }
}

/**
 * The value to send for a client header, or null when nothing is left: a Cookie header loses
 * the router's own feature_flag cookie (which flag to serve is the router's business).
 */
function forwardable(name: string, value: string | null): string | null {
  if (value === null) return null;
  if (name !== 'cookie') return value;
  const kept = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && part.split('=', 1)[0]!.trim() !== FEATURE_FLAG_COOKIE);
  return kept.length ? kept.join('; ') : null;
}

/**
 * Puts the headers the rules produce on each subgraph execution request, as
 * `extensions.headers`: the engine's HTTP executor sends those, the router's in-flight sharing
 * keys on them (http-flights.ts, so callers with different tokens never share a call), and the
 * gRPC executor sends them as call metadata. Undefined when the rules forward nothing.
 */
export function headerRulesPrepare(rules: HeaderRules | undefined): SubgraphCallOptions['prepare'] {
  if (!rules || !hasHeaderRules(rules)) return undefined;
  const headersFor = compileHeaderRules(rules);
  return (subgraphName, executionRequest) => {
    const request = (executionRequest.context as { request?: Request } | undefined)?.request;
    if (!request?.headers) return;
    const headers = headersFor(subgraphName, request.headers);
    if (!headers) return;
    const extensions = executionRequest.extensions ?? {};
    const existing = extensions['headers'] as Record<string, string> | undefined;
    executionRequest.extensions = { ...extensions, headers: { ...headers, ...existing } };
  };
}
