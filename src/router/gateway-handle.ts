import { createHash } from 'node:crypto';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { canonicalJson, type RoutedSubgraph, type ServedComposition } from '../shared/router-config.ts';
import { createGateway, type GatewaySettings } from './gateway.ts';
import type { RouterLogger } from './logger.ts';
import type { CustomSubgraphKind, SubgraphTransportProvider, TransportContext } from './transports.ts';

/** Two compositions with the same key route identically, so their gateway can be reused. */
export function compositionKey(composition: ServedComposition): string {
  return createHash('sha256').update(canonicalJson(composition)).digest('hex');
}

/**
 * One gateway instance (base graph or one feature flag): built once, lazily or ahead of time,
 * counted while requests use it, and disposed only after it is retired and the last of its
 * in-flight requests has finished (or the drain timeout passes).
 */
export class GatewayHandle {
  readonly key: string;
  private building: Promise<GatewayRuntime> | undefined;
  private inflight = 0;
  private retired = false;
  private disposed: Promise<void> | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private readonly acquired: { subgraph: RoutedSubgraph; provider: SubgraphTransportProvider }[] = [];
  private readonly ctx: TransportContext;
  private readonly log: RouterLogger;

  constructor(
    readonly servedBy: string,
    readonly composition: ServedComposition,
    private readonly settings: GatewaySettings,
    private readonly onDisposed: (handle: GatewayHandle) => void,
  ) {
    this.key = compositionKey(composition);
    this.log = settings.log.child({ servedBy, compositionId: composition.compositionId });
    this.ctx = { servedBy, compositionId: composition.compositionId, log: this.log };
  }

  /** The built gateway; the first call builds it. A build that failed stays failed. */
  get(): Promise<GatewayRuntime> {
    this.building ??= this.build();
    return this.building;
  }

  get inFlight(): number {
    return this.inflight;
  }

  acquire(): void {
    this.inflight++;
  }

  release(): void {
    this.inflight--;
    if (this.retired && this.inflight === 0) void this.dispose();
  }

  /** No new requests will come; dispose once the in-flight ones are done. */
  retire(drainTimeoutMs: number): void {
    if (this.retired) return;
    this.retired = true;
    if (this.inflight === 0) {
      void this.dispose();
      return;
    }
    this.drainTimer = setTimeout(() => {
      this.log.warn('gateway still busy after the drain timeout; disposing it', { inFlight: this.inflight });
      void this.dispose();
    }, drainTimeoutMs);
    this.drainTimer.unref();
  }

  dispose(): Promise<void> {
    this.disposed ??= this.doDispose();
    return this.disposed;
  }

  private async build(): Promise<GatewayRuntime> {
    const started = performance.now();
    const engine = await this.settings.engine();
    const gateway = createGateway(this.composition, this.ctx, this.settings, engine);
    try {
      // Loads the supergraph and plans the subschemas: a config that cannot serve fails here.
      await gateway.getSchema();
    } catch (err) {
      await Promise.resolve(gateway.dispose()).catch(() => undefined);
      throw err;
    }
    await this.acquireTransports();
    this.log.info('gateway ready', {
      ms: Math.round(performance.now() - started),
      subgraphs: this.composition.subgraphs.length,
    });
    return gateway;
  }

  private async acquireTransports(): Promise<void> {
    for (const subgraph of this.composition.subgraphs) {
      if (subgraph.kind === 'standard') continue;
      const provider = this.settings.transports.get(subgraph.kind as CustomSubgraphKind);
      if (!provider?.acquire) continue;
      try {
        await provider.acquire(subgraph, this.ctx);
        this.acquired.push({ subgraph, provider });
      } catch (err) {
        this.log.error('transport warm-up failed; its fields will fail until it recovers', {
          subgraph: subgraph.name,
          kind: subgraph.kind,
          err,
        });
      }
    }
  }

  private async doDispose(): Promise<void> {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    const building = this.building;
    if (building) {
      const gateway = await building.catch(() => undefined);
      await Promise.resolve(gateway?.dispose()).catch((err: unknown) =>
        this.log.warn('gateway dispose failed', { err }),
      );
    }
    for (const { subgraph, provider } of this.acquired.splice(0)) {
      await Promise.resolve(provider.release?.(subgraph, this.ctx)).catch((err: unknown) =>
        this.log.warn('transport release failed', { subgraph: subgraph.name, err }),
      );
    }
    this.log.debug('gateway disposed');
    this.onDisposed(this);
  }
}
