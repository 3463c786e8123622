import { describe, expect, it } from 'vitest';
import { LatestRequest } from '../../client/lib/latest-request.js';

/** A promise settled by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LatestRequest', () => {
  it('drops the answer, error and end of a request overtaken by a later one', async () => {
    const latest = new LatestRequest();
    const seen: string[] = [];
    const log = (name: string) => ({
      answer: (r: string) => seen.push(`${name} answer ${r}`),
      error: (e: unknown) => seen.push(`${name} error ${String(e)}`),
      settled: () => seen.push(`${name} settled`),
    });
    const first = deferred<string>();
    const second = deferred<string>();
    const third = deferred<string>();
    const a = latest.run(() => first.promise, log('first'));
    const b = latest.run(() => second.promise, log('second'));
    second.resolve('b');
    await b;
    first.resolve('a');
    await a;
    expect(seen).toEqual(['second answer b', 'second settled']);

    const c = latest.run(() => third.promise, log('third'));
    third.reject('offline');
    await c;
    expect(seen).toEqual([
      'second answer b',
      'second settled',
      'third error offline',
      'third settled',
    ]);
  });
});
