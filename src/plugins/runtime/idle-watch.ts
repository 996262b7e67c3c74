import type { UnaryTransport } from '../grpc/call.ts';

/**
 * Notices a plugin nobody calls. It counts the calls in flight through the transport it
 * wraps and, once no call came for idleMs and none is running, calls onIdle, so the plugin's
 * process can stop until the next call starts it again. A call in flight is never cut off:
 * the timer looks again when it fires instead of trusting the time it was set for.
 */
export class IdleWatch {
  private inFlight = 0;
  private lastCallAt = Date.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly idleMs: number,
    /** Whether idling still applies when the timer fires (serving, not being stopped). */
    private readonly watching: () => boolean,
    private readonly onIdle: () => void,
  ) {}

  /** A call is on its way, or a start just finished: the quiet time counts from now. */
  touch(): void {
    this.lastCallAt = Date.now();
  }

  /** The transport, counting its calls. */
  track(transport: UnaryTransport): UnaryTransport {
    return {
      kind: transport.kind,
      close: () => transport.close(),
      call: async (path, request, options) => {
        this.inFlight++;
        this.touch();
        try {
          return await transport.call(path, request, options);
        } finally {
          this.inFlight--;
          this.touch();
        }
      },
    };
  }

  arm(): void {
    this.clear();
    const due = Math.max(0, this.lastCallAt + this.idleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.watching()) return;
      if (this.inFlight > 0 || Date.now() - this.lastCallAt < this.idleMs) return this.arm();
      this.onIdle();
    }, due);
    this.timer.unref();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
