import type { ExecutionResult } from 'graphql';
import type { Engine } from './planner.ts';
import { requestStateOf, type RequestState } from './request-state.ts';
import type { CallInspector } from './subgraph-calls.ts';

// Apart from the recorder in query-plan.ts, which the request state names: these read the
// request state, so keeping both in one file made the two import each other.

/** Times each subgraph call of a request that asked for its plan. */
export const planCalls: CallInspector = ({ subgraphName, request }) => {
  const recorder = requestStateOf(request.context)?.plan;
  if (!recorder) return;
  const end = recorder.begin(subgraphName, request);
  return (result) => void end(result.errors?.length ?? 0);
};

/** Puts the recorded plan into `extensions.queryPlan` for a request that asked for it. */
export function withQueryPlan(state: RequestState, engine: Engine, result: ExecutionResult): ExecutionResult {
  if (!state.plan) return result;
  const queryPlan = state.plan.toJSON(engine, engine.currentPlan());
  return { ...result, extensions: { ...result.extensions, queryPlan } };
}
