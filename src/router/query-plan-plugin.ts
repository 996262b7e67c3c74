import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { requestStateOf } from './request-state.ts';

// Apart from the recorder in query-plan.ts, which the request state names: the plugin reads
// the request state, so keeping both in one file made the two import each other.

/** Puts the recorded plan into `extensions.queryPlan` for requests that asked for it. */
export function useQueryPlan(): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const recorder = requestStateOf(executionRequest.context)?.plan;
      if (!recorder) return;
      const end = recorder.begin(subgraphName, executionRequest);
      return ({ result }) => {
        end(Symbol.asyncIterator in result ? 0 : (result.errors?.length ?? 0));
      };
    },
    onExecute({ args }) {
      const recorder = requestStateOf(args.contextValue)?.plan;
      if (!recorder) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, queryPlan: recorder.toJSON() } });
        },
      };
    },
  };
}
