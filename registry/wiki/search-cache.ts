/** The most entries a search cache keeps (each is emptied whenever the index changes). */
const MAX_CACHED_COUNTS = 5000;

/**
 * `cache`'s value for `key`, computed on first use and kept (the cache is emptied when it holds
 * `MAX_CACHED_COUNTS` entries). The wiki search's caches (registry/wiki/search.ts) hold what the
 * index answered, and are cleared by `WikiSearch` when the index changes.
 */
export function cached<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= MAX_CACHED_COUNTS) cache.clear();
    cache.set(key, value);
  }
  return value;
}
