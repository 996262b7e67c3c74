import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult } from 'graphql';
import { explainEntityMisses } from './entity-misses.ts';
import type { Engine } from './planner.ts';
import { withQueryPlan } from './query-plan-plugin.ts';
import { requestStateOf } from './request-state.ts';

export interface ResultHookOptions {
  engine: Engine;
  /** The mock-miss step of a gateway with a miss log (mock-misses.ts). */
  mockMisses?: (result: ExecutionResult) => ExecutionResult;
}

/**
 * The router's one hook on finished operations, in this order: entity misses explained (where
 * the key came from), a mock's part in them, the error flag for metrics, the recorded plan.
 * One hook, as subgraph-calls.ts has one, so the order of these steps is in one place. It must
 * come after the planner's plugin, which sets the current plan in its own onExecuteDone.
 *
 * Requests refused before execution (unparsable, invalid, over a limit) never get here; the
 * HTTP layer answers those with a 400, which the metrics count as failed.
 */
export function useResultHooks({ engine, mockMisses }: ResultHookOptions): GatewayPlugin {
  return {
    onExecute({ args }) {
      const context = args.contextValue as object;
      // Absent only where the gateway is called without the router's HTTP layer (some tests).
      const state = requestStateOf(context);
      return {
        onExecuteDone({ result, setResult }) {
          // A stream (subscription, @defer) is passed on as it is.
          if (Symbol.asyncIterator in result) return;
          let out = explainEntityMisses(context, engine.currentPlan, result);
          if (mockMisses) out = mockMisses(out);
          if (state) {
            if (out.errors?.length) state.hadErrors = true;
            out = withQueryPlan(state, engine, out);
          }
          if (out !== result) setResult(out);
        },
      };
    },
  };
}
