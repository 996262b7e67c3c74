import type { FlagSchemaDiff } from '../../shared/api/feature-flags.ts';
import type { SchemaChange } from '../../shared/api/schema-registry.ts';
import { buildClientSchema, schemaChanges } from '../graphs/checks/schema-changes.ts';

/**
 * The flag's client schema against its base graph's, grouped by type so it reads at a
 * glance: which types were added or removed, and which changed (with their field changes).
 */
export async function flagSchemaDiff(graph: string, baseSdl: string, flagSdl: string | null): Promise<FlagSchemaDiff> {
  if (flagSdl === null) return { graph, baseSdl, flagSdl, types: [], breaking: false };
  const changes = await schemaChanges(buildClientSchema(baseSdl), buildClientSchema(flagSdl));
  const byType = new Map<string, SchemaChange[]>();
  for (const c of changes) {
    const type = (c.path ?? c.message).split('.')[0]!;
    byType.set(type, [...(byType.get(type) ?? []), c]);
  }
  const types = [...byType].map(([type, list]) => ({
    type,
    change: list.some((c) => c.type === 'TYPE_ADDED')
      ? ('added' as const)
      : list.some((c) => c.type === 'TYPE_REMOVED')
        ? ('removed' as const)
        : ('changed' as const),
    breaking: list.some((c) => c.criticality === 'breaking'),
    changes: list,
  }));
  types.sort((a, b) => a.type.localeCompare(b.type));
  return { graph, baseSdl, flagSdl, types, breaking: types.some((t) => t.breaking) };
}
