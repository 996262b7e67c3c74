import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../../db/client.ts';

/**
 * Tells every control-plane instance on one database that a graph's router config
 * changed, through PostgreSQL LISTEN/NOTIFY (PGlite: its listen() on the same
 * instance). NOTIFY is sent inside the writing transaction, so it is delivered only
 * when that transaction commits, and never for a rolled-back change.
 */
export const ROUTER_CONFIG_CHANNEL = 'switchyard_router_config';

export type ConfigChange =
  | { kind: 'config'; graphId: string; hash: string }
  | { kind: 'graph_deleted'; graphId: string }
  | { kind: 'token_revoked'; graphId: string; tokenId: string };

/** `resync`: notifications may have been missed (the listening connection was lost); re-read state. */
export type NotifierEvent = ConfigChange | { kind: 'resync' };

export interface ConfigNotifier {
  subscribe(listener: (event: NotifierEvent) => void): () => void;
  close(): Promise<void>;
}

/** Queues the notification in the caller's transaction. */
export async function publishConfigChange(db: Database, change: ConfigChange): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${ROUTER_CONFIG_CHANNEL}, ${JSON.stringify(change)})`);
}

interface Log {
  warn(obj: object, msg: string): void;
}

export async function createConfigNotifier(database: DatabaseHandle, log: Log): Promise<ConfigNotifier> {
  const listeners = new Set<(event: NotifierEvent) => void>();
  const dispatch = (event: NotifierEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch (err) {
        log.warn({ err }, 'router config listener failed');
      }
    }
  };
  const onPayload = (payload: string | undefined) => {
    const change = parseChange(payload);
    if (change) dispatch(change);
  };
  const subscribe = (listener: (event: NotifierEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };

  if (database.driver.kind === 'pglite') {
    const client = database.driver.client;
    const unlisten = await client.listen(ROUTER_CONFIG_CHANNEL, onPayload);
    return {
      subscribe,
      async close() {
        listeners.clear();
        if (!client.closed) await unlisten().catch(() => {});
      },
    };
  }

  const listener = new PgListener(
    database.driver.pool.options,
    onPayload,
    () => dispatch({ kind: 'resync' }),
    log,
  );
  await listener.start();
  return {
    subscribe,
    async close() {
      listeners.clear();
      await listener.close();
    },
  };
}

function parseChange(payload: string | undefined): ConfigChange | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as ConfigChange;
    return typeof value?.graphId === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * One dedicated connection (not from the pool: a pooled client is released and
 * reused, and would lose its LISTEN). It reconnects with backoff when the connection
 * drops and then asks subscribers to resync, since NOTIFYs sent meanwhile are lost.
 */
class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private connectedOnce = false;

  constructor(
    private readonly options: pg.ClientConfig,
    private readonly onPayload: (payload: string | undefined) => void,
    private readonly onResync: () => void,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (err) {
      this.log.warn({ err }, 'router config listener could not connect; retrying');
      this.scheduleReconnect();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.options, keepAlive: true });
    client.on('error', (err) => {
      this.log.warn({ err }, 'router config listener connection failed; reconnecting');
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    client.on('notification', (msg) => {
      if (msg.channel === ROUTER_CONFIG_CHANNEL) this.onPayload(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ROUTER_CONFIG_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
    if (this.connectedOnce) this.onResync();
    this.connectedOnce = true;
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const delay = Math.min(5_000, 250 * 2 ** this.failures);
    this.failures++;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().catch((err: unknown) => {
        this.log.warn({ err }, 'router config listener reconnect failed');
        this.scheduleReconnect();
      });
    }, delay);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }
}
