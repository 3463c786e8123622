import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FacetValue } from '../api/registry.js';
import { t } from '../i18n/index.js';
import { LatestRequest } from './latest-request.js';

/** One page of a directory as the API answers it: the items, how many match, the facet counts. */
export interface DirectoryAnswer<T, K extends string> {
  items: T[];
  total: number;
  facets: Partial<Record<K, FacetValue[]>>;
}

/**
 * The paged list of a directory (people, places): the items loaded so far, the total, the facet
 * counts, loading and error state. `load(false)` starts again from the first page (a new filter),
 * `load(true)` appends the next one ("more"); only the latest request may change the list, so a
 * slow answer to an older filter never shows. The host re-renders on every change.
 */
export class DirectoryPages<T, K extends string> implements ReactiveController {
  items: T[] = [];
  total = 0;
  facets: Partial<Record<K, FacetValue[]>> = {};
  loading = false;
  /** The message of the last failure, translated; empty when the last load succeeded. */
  error = '';
  private readonly _latest = new LatestRequest();

  /**
   * @param host the directory element.
   * @param fetchPage reads one page at `offset` with the host's current filters.
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetchPage: (offset: number) => Promise<DirectoryAnswer<T, K>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the first page (`append` false) or the next one; resolves when the request is over. */
  load(append: boolean): Promise<void> {
    this.loading = true;
    this.host.requestUpdate();
    return this._latest.run(() => this.fetchPage(append ? this.items.length : 0), {
      answer: (r) => {
        this.items = append ? [...this.items, ...r.items] : r.items;
        this.total = r.total;
        this.facets = r.facets;
        this.error = '';
      },
      error: (err) => this.fail(err),
      settled: () => {
        this.loading = false;
        this.host.requestUpdate();
      },
    });
  }

  /** Shows a failure (of the list, or of something the directory loads beside it). */
  fail(err: unknown): void {
    this.error = t('error.generic', { message: (err as Error).message });
    this.host.requestUpdate();
  }
}
