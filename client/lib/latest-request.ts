/** What to do with the answer of a {@link LatestRequest}; each runs only for the latest request. */
export interface LatestHandlers<T> {
  /** The request succeeded. */
  answer(result: T): void;
  /** The request failed. */
  error(err: unknown): void;
  /** The request is over (after `answer` or `error`). */
  settled(): void;
}

/**
 * Requests of which only the latest may change the view: a directory reloads on every
 * keystroke or filter, and an answer arriving after a later request was started is dropped.
 */
export class LatestRequest {
  private _seq = 0;

  /** Starts `request`; the handlers run only if no later request was started meanwhile. */
  async run<T>(request: () => Promise<T>, handlers: LatestHandlers<T>): Promise<void> {
    const seq = ++this._seq;
    try {
      const result = await request();
      if (seq !== this._seq) return;
      handlers.answer(result);
    } catch (err) {
      if (seq === this._seq) handlers.error(err);
    } finally {
      if (seq === this._seq) handlers.settled();
    }
  }
}
