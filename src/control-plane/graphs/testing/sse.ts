/** A minimal Server-Sent Events reader for tests, over fetch. */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  events: SseEvent[];
  comments: string[];
  /** Resolves with the next event after the ones already seen, or rejects after `ms`. */
  next(ms?: number): Promise<SseEvent>;
  close(): void;
  closed: Promise<void>;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let consumed = 0;
  // An object, so TypeScript does not narrow the callback away across closures.
  const waiter: { wake: (() => void) | null } = { wake: null };
  let buffer = '';
  const decoder = new TextDecoder();
  const closed = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let idx;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trim());
          }
          if (data.length) events.push({ event, data: data.join('\n') });
          waiter.wake?.();
        }
      }
    } catch {
      // aborted
    } finally {
      waiter.wake?.();
    }
  })();
  let ended = false;
  void closed.then(() => {
    ended = true;
  });
  return {
    status: res.status,
    events,
    comments,
    closed,
    async next(ms = 1_000) {
      const deadline = Date.now() + ms;
      while (consumed >= events.length) {
        if (ended) throw new Error('stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          waiter.wake = resolve;
          setTimeout(resolve, left);
        });
        waiter.wake = null;
      }
      return events[consumed++]!;
    },
    close: () => abort.abort(),
  };
}
