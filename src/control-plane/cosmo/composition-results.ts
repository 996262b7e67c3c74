import { EnumStatusCode } from '@wundergraph/cosmo-connect/dist/common/common_pb';
import type { CompositionOutcome } from '../../shared/api/graphs.ts';
import type { FlagFailure } from './cosmo-flag-service.ts';
import { ok } from './platform-call.ts';

/**
 * Our composition outcomes as Cosmo's: the change is applied either way, and a failed
 * composition is ERR_SUBGRAPH_COMPOSITION_FAILED with one row per error, which wgc
 * prints as its table (routers keep the last good config, as Cosmo's do).
 */
export function compositionResult(namespace: string, outcomes: CompositionOutcome[], flagFailures: FlagFailure[] = []) {
  const compositionErrors = [
    ...outcomes
      .filter((o) => o.status === 'failed')
      .flatMap((o) =>
        o.errors.map((e) => ({
          message: e.subgraph ? `[${e.subgraph}] ${e.message}` : e.message,
          federatedGraphName: o.graph,
          namespace,
          featureFlag: '',
        })),
      ),
    ...flagFailures.map((f) => ({ message: f.message, federatedGraphName: f.graph, namespace, featureFlag: f.flag })),
  ];
  return {
    response: compositionErrors.length
      ? { code: EnumStatusCode.ERR_SUBGRAPH_COMPOSITION_FAILED, details: `${compositionErrors.length} composition error(s)` }
      : ok,
    compositionErrors,
    deploymentErrors: [],
    compositionWarnings: [],
  };
}

export const labelsToStrings = (labels: { key: string; value: string }[]) => labels.map((l) => `${l.key}=${l.value}`);
export const stringsToLabels = (labels: string[]) =>
  labels.map((l) => ({ key: l.slice(0, l.indexOf('=')), value: l.slice(l.indexOf('=') + 1) }));
