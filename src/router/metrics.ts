import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for one router. Each router owns its registry (tests run several in one
 * process); other parts of the router, such as the plugin supervisor, register on `registry`.
 */
export interface RouterMetrics {
  registry: Registry;
  observeRequest(servedBy: string, status: number, failed: boolean, seconds: number): void;
  configApplied(info: {
    hash: string;
    graph: string;
    compositionId: string;
    builtAt: string;
    flags: number;
  }): void;
  configRefused(): void;
  setGateways(count: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export function createRouterMetrics(options: { defaultMetrics?: boolean } = {}): RouterMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: 'switchyard_router_' });

  // served_by is "base", "flag:<name>" (only flags in the config, so cardinality stays bounded) or "none".
  const requests = new Counter({
    name: 'switchyard_router_requests_total',
    help: 'GraphQL requests, by what served them and HTTP status',
    labelNames: ['served_by', 'status'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'switchyard_router_request_errors_total',
    help: 'GraphQL requests answered with errors (an HTTP error status or GraphQL errors in the result)',
    labelNames: ['served_by'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'switchyard_router_request_duration_seconds',
    help: 'Time from request to response end',
    labelNames: ['served_by'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const configInfo = new Gauge({
    name: 'switchyard_router_config_info',
    help: 'The router config being served (value is always 1)',
    labelNames: ['hash', 'graph', 'composition_id', 'built_at'] as const,
    registers: [registry],
  });
  const configLoaded = new Gauge({
    name: 'switchyard_router_config_loaded_timestamp_seconds',
    help: 'When the current config started serving',
    registers: [registry],
  });
  const flags = new Gauge({
    name: 'switchyard_router_feature_flags',
    help: 'Feature flags in the current config',
    registers: [registry],
  });
  const swaps = new Counter({
    name: 'switchyard_router_config_updates_total',
    help: 'Config updates, applied or refused',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const gateways = new Gauge({
    name: 'switchyard_router_gateways',
    help: 'Gateway instances alive, including draining ones',
    registers: [registry],
  });

  return {
    registry,
    observeRequest(servedBy, status, failed, seconds) {
      requests.inc({ served_by: servedBy, status: String(status) });
      if (failed) errors.inc({ served_by: servedBy });
      latency.observe({ served_by: servedBy }, seconds);
    },
    configApplied(info) {
      configInfo.reset();
      configInfo.set(
        { hash: info.hash, graph: info.graph, composition_id: info.compositionId, built_at: info.builtAt },
        1,
      );
      configLoaded.set(Date.now() / 1000);
      flags.set(info.flags);
      swaps.inc({ result: 'applied' });
    },
    configRefused() {
      swaps.inc({ result: 'refused' });
    },
    setGateways(count) {
      gateways.set(count);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
