import { parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { HttpFlights } from './http-flights.ts';
import { SubgraphCall } from './subgraph-call.ts';
import type { SubgraphExecutionRequest } from './transports.ts';

const request = (variables: Record<string, unknown>, query = 'query Q($id: ID) { user(id: $id) { name } }') =>
  ({ document: parse(query), variables }) as SubgraphExecutionRequest;

/** Joins `flights` with a start that counts how often it runs and answers when `answer()` is called. */
function counter() {
  let started = 0;
  const answers: ((r: ExecutionResult) => void)[] = [];
  const start = () => {
    started++;
    return new Promise<ExecutionResult>((resolve) => answers.push(resolve));
  };
  return { start, started: () => started, answer: (r: ExecutionResult) => answers.forEach((a) => a(r)) };
}

describe('HttpFlights', () => {
  it('shares an identical query and gives each caller its own copy of the data', async () => {
    const flights = new HttpFlights();
    const c = counter();
    const a = flights.join('accounts', request({ id: '1' }), new SubgraphCall(), c.start)!;
    const b = flights.join('accounts', request({ id: '1' }), new SubgraphCall(), c.start)!;
    expect(c.started()).toBe(1);
    c.answer({ data: { user: { name: 'Ada' } } });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual(rb);
    expect(ra.data).not.toBe(rb.data);
    expect(flights.size).toBe(0);
  });

  it('never shares mutations, other variables or variables that hold files', async () => {
    const flights = new HttpFlights();
    const c = counter();
    const mutation = 'mutation M($id: ID) { rename(id: $id) }';
    expect(
      flights.join('accounts', request({ id: '1' }, mutation), new SubgraphCall(), c.start),
    ).toBeUndefined();
    void flights.join('accounts', request({ id: '1' }), new SubgraphCall(), c.start);
    void flights.join('accounts', request({ id: '2' }), new SubgraphCall(), c.start);
    const file = (text: string) => request({ file: new Blob([text]) });
    expect(flights.join('accounts', file('one'), new SubgraphCall(), c.start)).toBeUndefined();
    expect(flights.join('accounts', file('two'), new SubgraphCall(), c.start)).toBeUndefined();
    expect(c.started()).toBe(2);
    c.answer({ data: { user: null } });
  });

  it('lets a caller leave without cancelling the call for the others, and cancels it when the last leaves', async () => {
    const flights = new HttpFlights();
    let shared: SubgraphCall | undefined;
    const start = (call: SubgraphCall) => {
      shared = call;
      return new Promise<ExecutionResult>(() => undefined);
    };
    const first = new SubgraphCall();
    const second = new SubgraphCall();
    const a = flights.join('accounts', request({ id: '1' }), first, start)!;
    const b = flights.join('accounts', request({ id: '1' }), second, start)!;
    first.abort('client gone');
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(shared!.aborted).toBe(false);
    second.abort('client gone');
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(shared!.aborted).toBe(true);
    expect(flights.size).toBe(0);
  });
});
