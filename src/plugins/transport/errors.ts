import { status as grpcStatus } from '@grpc/grpc-js';
import { GraphQLError } from 'graphql';
import { PluginUnavailableError } from '../runtime/plugin-status.ts';

/**
 * Every failure of a gRPC subgraph becomes a GraphQL error that names the subgraph,
 * with the gRPC status name as extensions.code (as Cosmo reports it), so the gateway
 * fails only that subgraph's fields and the client can tell which one failed.
 */
const statusNames = new Map<number, string>(
  Object.entries(grpcStatus)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

export function subgraphError(subgraph: string, rpc: string, err: unknown): GraphQLError {
  if (err instanceof GraphQLError) return err;
  if (err instanceof PluginUnavailableError) {
    return new GraphQLError(`Subgraph "${subgraph}" is unavailable: ${err.message}`, {
      extensions: { code: 'UNAVAILABLE', subgraph, pluginState: err.state },
    });
  }
  if (isServiceError(err)) {
    const name = statusNames.get(err.code) ?? `STATUS_${err.code}`;
    const what =
      err.code === grpcStatus.UNAVAILABLE
        ? 'is unavailable'
        : err.code === grpcStatus.DEADLINE_EXCEEDED
          ? 'did not answer in time'
          : 'returned an error';
    return new GraphQLError(
      `Subgraph "${subgraph}" ${what}: ${rpc} failed with ${name}: ${err.details || err.message}`,
      {
        extensions: { code: name, subgraph, rpc },
      },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new GraphQLError(`Subgraph "${subgraph}": ${rpc} failed: ${message}`, {
    extensions: { code: 'INTERNAL', subgraph, rpc },
  });
}

function isServiceError(err: unknown): err is Error & { code: number; details: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'number' && 'details' in err;
}
