import { preloadFrenchWords } from '../text/french-words.js';
import type { Database } from 'better-sqlite3';
import type { RegistrySnapshot } from '../types.js';
import { loadRegistrySnapshot } from '../snapshot.js';
import { registryVersion } from '../store.js';
import { DEFAULT_SWITCHYARD_CONFIG, switchyardConfig, type SwitchyardConfig } from './config.js';
import {
  buildSwitchyardIndex,
  matchProblem,
  type SwitchyardAnswer,
  type SwitchyardIndex,
  type SwitchyardPage,
  type SwitchyardQuery,
} from './engine.js';
import { listOutcomes, outcomesVersion } from './requests.js';
import { effectiveThesaurus } from './thesaurus-store.js';
import { listPermanences } from '../permanences/store.js';
import type { SwitchyardAvailability } from './types.js';
import { livePagesVersion, livePageTexts } from '../wiki/lists.js';
import { resourcesMentioned } from './page-mentions.js';
import { clearStale, markStale, readStale } from './stale.js';
import { forgetBuilds } from './fts-index.js';

/** Where the registry comes from, and a cheap fingerprint that changes when it does. */
export interface SnapshotSource {
  load(): RegistrySnapshot;
  version(): string;
  /**
   * True when the source is the registry tables of the service's own database, whose triggers
   * record which documents each write makes stale (migrations/0022_switchyard_stale.sql): a build
   * then looks only at those. Otherwise every document is hashed at each build.
   */
  tracksWrites?: boolean;
}

const SQL_WIKI_PAGES = `SELECT slug, wiki_page FROM resources WHERE wiki_page IS NOT NULL`;

/** An empty registry (before anything is imported). */
export const EMPTY_SNAPSHOT_SOURCE: SnapshotSource = {
  load: () => ({ resources: [], places: [], people: [], usages: [], referents: [] }),
  version: () => 'empty',
};

/**
 * The registry tables of `db` (the server's source): reloaded when `registryVersion` moves.
 * Each resource also carries the slug of its wiki page, whose text then speaks for it.
 */
export function registrySnapshotSource(db: Database): SnapshotSource {
  return {
    load: () => {
      const snapshot = loadRegistrySnapshot(db);
      // The wiki pages alone (every resource again through listAllResources cost a sixth of a
      // rebuild after a write at 5,000 resources).
      const pages = new Map(
        db.prepare(SQL_WIKI_PAGES).raw().all() as [string, string | undefined][],
      );
      return {
        ...snapshot,
        resources: snapshot.resources.map((r) =>
          pages.get(r.slug) ? { ...r, wikiPage: pages.get(r.slug) } : r,
        ),
      };
    },
    version: () => registryVersion(db),
    tracksWrites: true,
  };
}

// Deleted wiki pages speak for nothing: the wiki domain lists live pages only (registry/wiki/lists.ts).
const SQL_THESAURUS_VERSION = `SELECT count(*) AS n, max(updated_at) AS at FROM switchyard_thesaurus`;
// Sessions and their seats: a new, moved or cancelled session, or a booking made or cancelled.
const SQL_PERMANENCES_VERSION = `SELECT (SELECT count(*) || ':' || coalesce(max(updated_at), '') FROM permanences)
  || '|' || (SELECT count(*) || ':' || coalesce(max(cancelled_at), '') FROM permanence_bookings) AS v`;

/**
 * Who holds a permanence session with seats left from now on (the next one per person): the
 * switchyard shows it and ranks available people a little higher.
 */
export function upcomingAvailability(
  db: Database,
  now: Date = new Date(),
): SwitchyardAvailability[] {
  const out = new Map<string, string>();
  for (const p of listPermanences(db, { from: now.toISOString(), limit: 1000 })) {
    if (p.seatsLeft <= 0 || p.startsAt < now.toISOString() || out.has(p.expert.slug)) continue;
    out.set(p.expert.slug, p.startsAt);
  }
  return [...out].map(([person, startsAt]) => ({ person, startsAt }));
}

/**
 * Markdown to plain words (enough for matching: links keep their text, syntax goes). A bracket
 * never spans another one, so every pattern runs in linear time (`[[` repeated in a page took
 * minutes: bench/markdown-text.ts).
 */
const plain = (md: string) =>
  md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^[\]]*\]\([^)[\]]*\)/g, ' ')
    .replace(/\[([^[\]]*)\]\([^)[\]]*\)/g, '$1')
    .replace(/\[\[([^[\]|]*)(?:\|([^[\]]*))?\]\]/g, (_, a: string, b?: string) => b ?? a)
    .replace(/[#>*_`~|]/g, ' ')
    .slice(0, 20_000);

/** Bump when `plain` changes what a page gives: every stored document is then hashed again. */
const PLAIN_VERSION = 'plain-1';

/** Longest stretch of read-ahead work between two turns of the event loop. */
const WARM_SLICE_MS = 15;

/**
 * Where the service keeps its BM25F indexes: `fts` (the default: FTS5 tables in the database,
 * FtsFieldedIndex, kept from one build and one process to the next, so that a build re-analyses
 * only the records that changed) or `memory` (FieldedIndex, everything analysed again at each
 * build: the same scores, bench/switchyard-fts-parity.ts). LC_SWITCHYARD_INDEX=memory chooses the
 * latter, as does the constructor.
 */
export type SwitchyardIndexStore = 'memory' | 'fts';

/** The index store named by LC_SWITCHYARD_INDEX (fts unless it says memory). */
export function defaultIndexStore(): SwitchyardIndexStore {
  return process.env.LC_SWITCHYARD_INDEX === 'memory' ? 'memory' : 'fts';
}

/**
 * The switchyard as a long-lived service: keeps the per-snapshot indexes and rebuilds them when
 * the registry, the wiki pages or the thesaurus change (checked by cheap fingerprints on each
 * query), and for new outcomes: at once on a small registry, at most every `outcomeRefreshMs` on
 * a large one (a rebuild then takes seconds; outcomes are a slow signal). Large registries are
 * re-indexed after the request that noticed the change, which is answered from the previous indexes.
 */
export class SwitchyardService {
  private cache: { key: string; outcomes: string; builtAt: number; index: SwitchyardIndex } | null =
    null;
  private source: SnapshotSource;
  /** Bumped by `invalidate()`: part of the fingerprint, so the next query rebuilds. */
  private generation = 0;
  private rebuilding = false;
  /** Resources + people at the last build: large registries are re-indexed after the request. */
  private lastBuildSize = 0;
  /**
   * Hash every document at each build even when the writes' record says which changed, and log
   * those that changed unrecorded (LC_SWITCHYARD_VERIFY=1): a check of the triggers.
   */
  verifyStale = process.env.LC_SWITCHYARD_VERIFY === '1';

  constructor(
    private readonly db: Database,
    source: SnapshotSource = EMPTY_SNAPSHOT_SOURCE,
    private readonly baseConfig: SwitchyardConfig = DEFAULT_SWITCHYARD_CONFIG,
    private readonly outcomeRefreshMs = 60_000,
    private readonly syncBuildMaxRecords = 3000,
    private readonly indexStore: SwitchyardIndexStore = defaultIndexStore(),
  ) {
    this.source = source;
  }

  /** Replaces where the registry is read from (and drops the indexes). */
  useSource(source: SnapshotSource): void {
    this.source = source;
    this.cache?.index.release?.();
    this.cache = null;
  }

  /** Marks the indexes stale (thesaurus edited…): the next query rebuilds them. */
  invalidate(): void {
    this.generation++;
  }

  /** The configuration in force: shipped weights with the facilitators' thesaurus. */
  config(): SwitchyardConfig {
    return switchyardConfig({
      ...this.baseConfig,
      thesaurus: effectiveThesaurus(this.db, this.baseConfig.thesaurus),
    });
  }

  /** Slugs of the places of a network (places listing it in `networks`) or of a region. */
  placesOf(filter: { network?: string; region?: string }): string[] {
    const out: string[] = [];
    for (const p of this.index().places.values()) {
      if (filter.network && !(p.networks ?? []).includes(filter.network)) continue;
      if (filter.region && p.region !== filter.region) continue;
      out.push(p.slug);
    }
    return out;
  }

  /**
   * The indexes for the current state, rebuilt when stale. A small registry is rebuilt at once
   * (answers are always fresh); above `syncBuildMaxRecords` resources and people (a rebuild then
   * takes seconds), the previous indexes answer while the new ones are built right after the
   * current request.
   */
  index(): SwitchyardIndex {
    const state = this.state();
    const c = this.cache;
    // New outcomes are a slow signal on a large registry (a rebuild takes seconds): they wait up to
    // `outcomeRefreshMs` there; a small registry is rebuilt at once, so a resolved request counts.
    const outcomesFresh =
      c?.outcomes === state.outcomes ||
      (this.lastBuildSize > this.syncBuildMaxRecords &&
        Date.now() - (c?.builtAt ?? 0) < this.outcomeRefreshMs);
    if (c && c.key === state.key && outcomesFresh) return c.index;
    if (c && this.lastBuildSize > this.syncBuildMaxRecords) {
      if (!this.rebuilding) {
        this.rebuilding = true;
        setImmediate(() => {
          try {
            this.rebuild(this.state());
          } catch (err) {
            console.error('[switchyard] index rebuild failed', err);
          } finally {
            this.rebuilding = false;
          }
        });
      }
      return c.index;
    }
    return this.rebuild(state);
  }

  /** Fingerprints of everything the indexes are built from. */
  private state(): { key: string; outcomes: string } {
    const thes = this.db.prepare(SQL_THESAURUS_VERSION).get() as { n: number; at: string | null };
    const perm = this.db.prepare(SQL_PERMANENCES_VERSION).get() as { v: string };
    // The day is part of the key: sessions that have passed stop counting as availability.
    const day = new Date().toISOString().slice(0, 10);
    return {
      key: `${this.source.version()}|${livePagesVersion(this.db)}|${thes.n}:${thes.at}|${perm.v}|${day}|${this.generation}`,
      outcomes: outcomesVersion(this.db),
    };
  }

  private rebuild(state: { key: string; outcomes: string }): SwitchyardIndex {
    const started = Date.now();
    // FTS5 tables built from the database's own registry: the triggers' record of the writes says
    // which documents to look at, and is emptied by the build that takes them in. Both in one
    // transaction, so that no write falls between what was read and what is cleared.
    const tracked = this.indexStore === 'fts' && this.source.tracksWrites === true;
    const build = () => {
      const stale = tracked ? readStale(this.db) : undefined;
      const snapshot = this.source.load();
      this.lastBuildSize = snapshot.resources.length + snapshot.people.length;
      const wiki: SwitchyardPage[] = livePageTexts(this.db).map((p) => ({
        slug: p.slug,
        title: p.title,
        text: plain(p.markdown),
      }));
      if (stale?.pages.length) {
        // A page feeds the context documents of the resources its text names, before or after.
        const texts = stale.pages.flatMap((p) =>
          [p.old, p.current].filter((t): t is string => t !== null).map(plain),
        );
        for (const slug of resourcesMentioned(snapshot.resources, texts))
          markStale(stale, 'context', slug);
      }
      // The French word list (typo correction) is loaded with the first indexes, not on the first problem.
      preloadFrenchWords();
      const index = buildSwitchyardIndex(
        {
          ...snapshot,
          pages: wiki,
          outcomes: listOutcomes(this.db),
          availability: upcomingAvailability(this.db),
        },
        this.config(),
        this.indexStore === 'fts'
          ? {
              ftsDb: this.db,
              persistent: true,
              stale: stale && !stale.all ? stale.keys : undefined,
              verify: this.verifyStale,
              sourceVersion: PLAIN_VERSION,
            }
          : {},
      );
      if (tracked) clearStale(this.db);
      return index;
    };
    let index: SwitchyardIndex;
    try {
      index = tracked ? this.db.transaction(build).immediate() : build();
    } catch (err) {
      // Tables rolled back: what this process remembers of their last builds no longer holds.
      forgetBuilds(this.db);
      throw err;
    }
    for (const [name, report] of Object.entries(index.buildReport ?? {}))
      for (const key of report.unmarked)
        console.warn(`[switchyard] ${name} document "${key}" changed without being marked stale`);
    this.cache?.index.release?.();
    this.cache = { key: state.key, outcomes: state.outcomes, builtAt: started, index };
    this.readAhead(index);
    return index;
  }

  /**
   * Reads ahead, while the server is idle, what the first problems would otherwise read from the
   * FTS5 tables (index.warm), in slices of WARM_SLICE_MS between which requests are served; stops
   * when the indexes are replaced or the database closed.
   */
  private readAhead(index: SwitchyardIndex): void {
    if (!index.warm) return;
    const step = () => {
      if (this.cache?.index !== index || !this.db.open) return;
      try {
        if (!index.warm!(WARM_SLICE_MS)) setImmediate(step);
      } catch (err) {
        if (this.db.open) console.error('[switchyard] read-ahead failed', err);
      }
    };
    setImmediate(step);
  }

  /** Builds the indexes in the background (the server calls it once listening). */
  prepare(): void {
    setImmediate(() => {
      try {
        if (this.db.open) this.index();
      } catch (err) {
        console.error('[switchyard] index build failed', err);
      }
    });
  }

  /** Answers a problem. */
  match(query: SwitchyardQuery): SwitchyardAnswer {
    return matchProblem(this.index(), query);
  }
}
