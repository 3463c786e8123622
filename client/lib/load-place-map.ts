let loading: Promise<unknown> | null = null;

/**
 * Loads `<lc-place-map>` (Leaflet, clustering and their CSS) in its own chunk, the first time a
 * page with a map opens: the wiki and the other pages do not download Leaflet. The element
 * upgrades when its code arrives and keeps the properties set on it before.
 */
export function loadPlaceMap(): void {
  loading ??= import('../components/lc-place-map.js').catch((err: unknown) => {
    // Let a later page try again (e.g. after a network hiccup).
    loading = null;
    console.warn('map component failed to load', err);
  });
}
