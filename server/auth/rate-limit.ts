/**
 * A fixed-window counter per key (an account, an address), kept in memory.
 * Good enough for one process; the window is short and a restart only resets it.
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is not limited. */
  retryAfter(key: string): number {
    const e = this.hits.get(key);
    if (!e || e.resetAt <= this.now()) return 0;
    return e.count >= this.max ? e.resetAt - this.now() : 0;
  }

  /** Counts one attempt for `key`. */
  hit(key: string): void {
    const now = this.now();
    const e = this.hits.get(key);
    if (!e || e.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    else e.count++;
    if (this.hits.size > 10_000) this.sweep(now);
  }

  /** Forgets `key` (after a successful login). */
  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    for (const [k, e] of this.hits) if (e.resetAt <= now) this.hits.delete(k);
  }
}
