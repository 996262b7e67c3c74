import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  Kind,
  type ASTNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting, fragments expanded; introspection fields are not counted. */
  maxDepth: number;
  /** Aliased fields per operation, fragments counted at each spread. */
  maxAliases: number;
  /** Size of the query document in bytes (UTF-8). */
  maxQueryBytes: number;
  /** Size of an HTTP request body in bytes (query plus variables). */
  maxBodyBytes: number;
}

export const defaultLimits: QueryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxQueryBytes: 64 * 1024,
  maxBodyBytes: 1024 * 1024,
};

export function limitError(message: string, code: string, status: number, nodes?: ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code, http: { status } } });
}

export function maxDepthRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const depth = measure(node.selectionSet, context, 'depth', max);
      if (depth > max) {
        context.reportError(
          limitError(
            `Query is too deep: it nests more than ${max} levels (the limit is ${max})`,
            'QUERY_TOO_DEEP',
            400,
            [node],
          ),
        );
      }
    },
  });
}

export function maxAliasesRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const aliases = measure(node.selectionSet, context, 'aliases', max);
      if (aliases > max) {
        context.reportError(
          limitError(`Query uses more than ${max} aliases (the limit is ${max})`, 'TOO_MANY_ALIASES', 400, [
            node,
          ]),
        );
      }
    },
  });
}

/**
 * Depth or alias count of a selection set with fragments expanded. Stops as soon as the limit
 * is passed, so a hostile document cannot make validation itself expensive; fragment cycles
 * are left to the standard NoFragmentCycles rule.
 */
function measure(
  root: SelectionSetNode,
  context: ValidationContext,
  what: 'depth' | 'aliases',
  max: number,
): number {
  let aliases = 0;
  const walk = (set: SelectionSetNode, depth: number, inFragments: Set<string>): number => {
    let deepest = depth;
    for (const sel of set.selections) {
      if (deepest > max || aliases > max) break;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (sel.name.value.startsWith('__')) continue;
        if (sel.selectionSet) deepest = Math.max(deepest, walk(sel.selectionSet, depth + 1, inFragments));
        else deepest = Math.max(deepest, depth + 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(sel.selectionSet, depth, inFragments));
      } else {
        const name = sel.name.value;
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
        if (!fragment || inFragments.has(name)) continue;
        deepest = Math.max(deepest, walk(fragment.selectionSet, depth, new Set(inFragments).add(name)));
      }
    }
    return deepest;
  };
  const depth = walk(root, 0, new Set());
  return what === 'depth' ? depth : aliases;
}

/** Adds the limits to the gateway: query size before parsing, depth and aliases in validation. */
export function useQueryLimits(limits: QueryLimits): GatewayPlugin {
  const depthRule = maxDepthRule(limits.maxDepth);
  const aliasesRule = maxAliasesRule(limits.maxAliases);
  return {
    onParams({ params, setResult }) {
      if (typeof params.query === 'string' && Buffer.byteLength(params.query) > limits.maxQueryBytes) {
        setResult({
          errors: [
            limitError(`Query is too large: more than ${limits.maxQueryBytes} bytes`, 'QUERY_TOO_LARGE', 413),
          ],
        });
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule);
      addValidationRule(aliasesRule);
    },
  };
}
