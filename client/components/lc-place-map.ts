import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
// Leaflet's UMD build sets window.L, which leaflet.markercluster extends: import order matters.
import L from 'leaflet';
import 'leaflet.markercluster';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import clusterCss from 'leaflet.markercluster/dist/MarkerCluster.css?inline';
import clusterDefaultCss from 'leaflet.markercluster/dist/MarkerCluster.Default.css?inline';
import { t, withColon } from '../i18n/index.js';
import type { GeoPoint } from '../api/registry.js';
import type { MyPlace } from '../lib/registry-format.js';

const TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const FRANCE: L.LatLngTuple = [46.6, 2.4];

// Leaflet's default icon finds its PNG through the CSS path, which bundlers break: a
// self-contained SVG pin (no network request) is used instead.
const pin = (fill: string) =>
  `<svg viewBox="0 0 24 32" width="24" height="32" aria-hidden="true"><path d="M12 31s10-11.2 10-19A10 10 0 0 0 2 12c0 7.8 10 19 10 19z" fill="${fill}" stroke="#fff" stroke-width="2"/><circle cx="12" cy="12" r="4" fill="#fff"/></svg>`;
const PLACE_ICON = L.divIcon({
  className: 'lc-marker',
  html: pin('#2f6f4f'),
  iconSize: [24, 32],
  iconAnchor: [12, 31],
  popupAnchor: [0, -28],
});
const SELECTED_ICON = L.divIcon({
  className: 'lc-marker lc-marker-selected',
  html: pin('#c2410c'),
  iconSize: [24, 32],
  iconAnchor: [12, 31],
  popupAnchor: [0, -28],
});
const HOME_ICON = L.divIcon({
  className: 'lc-home-marker',
  html: `<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="#1f4f86" stroke="#fff" stroke-width="3"/></svg>`,
  iconSize: [22, 22],
  iconAnchor: [11, 11],
});

/**
 * Keeps the points between the 3rd and 97th percentiles of latitude and longitude, so that a
 * few far-away places (overseas territories) do not zoom the whole map out; they stay on the
 * map, in their clusters.
 */
function trimOutliers(points: L.LatLng[]): L.LatLng[] {
  const q = (values: number[], p: number) =>
    values[Math.min(values.length - 1, Math.floor(p * values.length))];
  const lats = points.map((p) => p.lat).sort((a, b) => a - b);
  const lons = points.map((p) => p.lng).sort((a, b) => a - b);
  const [s, n, w, e] = [q(lats, 0.03), q(lats, 0.97), q(lons, 0.03), q(lons, 0.97)];
  const kept = points.filter((p) => p.lat >= s && p.lat <= n && p.lng >= w && p.lng <= e);
  return kept.length ? kept : points;
}

/**
 * A Leaflet map of places with marker clustering (thousands of points stay fluid). Tiles come
 * from OpenStreetMap and may fail to load (offline): markers, clusters and popups do not depend
 * on them. Fires `lc-map-moved` ({ bbox: "W,S,E,N" }) after the visitor pans or zooms.
 */
@customElement('lc-place-map')
export class LcPlaceMap extends LitElement {
  static override styles = [
    unsafeCSS(leafletCss),
    unsafeCSS(clusterCss),
    unsafeCSS(clusterDefaultCss),
    css`
      :host { display: block; position: relative; height: 26rem; border-radius: 10px; overflow: hidden; border: 1px solid #dfe5e1; background: #e9eee9; }
      #map { position: absolute; inset: 0; background: #e3ebe5; font: inherit; }
      .lc-marker, .lc-home-marker { background: none; border: 0; }
      .lc-marker svg { filter: drop-shadow(0 1px 1px rgba(0, 0, 0, 0.35)); }
      .empty { position: absolute; inset: auto 0 0.6rem; text-align: center; z-index: 500; pointer-events: none; }
      .empty span { background: #fff; padding: 0.2rem 0.6rem; border-radius: 6px; font-size: 0.9rem; }
      .popup-name { font-weight: 700; display: block; margin-bottom: 0.2rem; }
      .popup-detail { display: block; color: #5b6b63; margin-bottom: 0.3rem; }
      .leaflet-container a.popup-link { color: #22613f; }
      .marker-cluster-small { background-color: rgba(47, 111, 79, 0.25); }
      .marker-cluster-small div { background-color: rgba(47, 111, 79, 0.7); }
      .marker-cluster-medium { background-color: rgba(31, 79, 134, 0.25); }
      .marker-cluster-medium div { background-color: rgba(31, 79, 134, 0.7); }
      .marker-cluster-large { background-color: rgba(194, 65, 12, 0.25); }
      .marker-cluster-large div { background-color: rgba(194, 65, 12, 0.72); }
      .marker-cluster div { color: #fff; font-weight: 700; }
    `,
  ];

  /** The places to show: [lat, lon, slug, name] tuples (as /api/map/places answers). */
  @property({ attribute: false }) points: GeoPoint[] = [];
  /** Optional extra line per slug in the popup (a city, a status). */
  @property({ attribute: false }) details: Record<string, string> = {};
  /** The visitor's place, shown with its own marker. */
  @property({ attribute: false }) home: MyPlace | null = null;
  /** Slug of a place to highlight. */
  @property() selected = '';
  /** Accessible name of the map. */
  @property() label = '';

  private _map?: L.Map;
  private _cluster?: L.MarkerClusterGroup;
  private _homeLayer?: L.Marker;
  private _resize?: ResizeObserver;
  private _fitted = false;
  private _bySlug = new Map<string, L.Marker>();

  override render() {
    const count = this.points.length;
    return html`<div id="map" role="region" aria-label=${this.label || t('map.label')}></div>
      ${count === 0 ? html`<div class="empty"><span>${t('map.noPoints')}</span></div>` : null}`;
  }

  override firstUpdated() {
    const el = this.renderRoot.querySelector<HTMLElement>('#map')!;
    const map = L.map(el, {
      center: FRANCE,
      zoom: 5,
      worldCopyJump: true,
      attributionControl: true,
    });
    L.tileLayer(TILE_URL, {
      maxZoom: 19,
      attribution: `<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">${t('map.attribution')}</a>`,
      crossOrigin: true,
    }).addTo(map);
    this._cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      spiderfyOnMaxZoom: true,
    });
    map.addLayer(this._cluster);
    map.on('moveend', () => {
      const b = map.getBounds();
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((n) => n.toFixed(4))
        .join(',');
      this.dispatchEvent(
        new CustomEvent('lc-map-moved', { detail: { bbox }, bubbles: true, composed: true }),
      );
    });
    this._map = map;
    this._resize = new ResizeObserver(() => map.invalidateSize());
    this._resize.observe(this);
    this._drawPoints();
    this._drawHome();
  }

  override updated(changed: PropertyValues<this>) {
    if (!this._map) return;
    if (changed.has('points') || changed.has('selected') || changed.has('details'))
      this._drawPoints();
    if (changed.has('home')) this._drawHome();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._map?.remove();
    this._map = undefined;
  }

  /** Zooms to a place's marker (opening its cluster if needed) and opens its popup. */
  reveal(slug: string) {
    const marker = this._bySlug.get(slug);
    if (!marker || !this._cluster) return;
    this._cluster.zoomToShowLayer(marker, () => marker.openPopup());
  }

  /** Centers the map on a point at a street-level zoom. */
  centerOn(lat: number, lon: number, zoom = 12) {
    this._map?.setView([lat, lon], zoom);
  }

  private _popup(slug: string, name: string): HTMLElement {
    // Built as DOM nodes so that names from the server are never parsed as HTML.
    const box = document.createElement('div');
    const title = document.createElement('span');
    title.className = 'popup-name';
    title.textContent = name;
    box.append(title);
    const detail = this.details[slug];
    if (detail) {
      const d = document.createElement('span');
      d.className = 'popup-detail';
      d.textContent = detail;
      box.append(d);
    }
    const a = document.createElement('a');
    a.className = 'popup-link';
    a.href = `/lieux/${encodeURIComponent(slug)}`;
    a.textContent = t('map.openPlace');
    box.append(a);
    return box;
  }

  private _drawPoints() {
    const cluster = this._cluster!;
    cluster.clearLayers();
    this._bySlug.clear();
    const markers: L.Marker[] = [];
    for (const [lat, lon, slug, name] of this.points) {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const m = L.marker([lat, lon], {
        icon: slug === this.selected ? SELECTED_ICON : PLACE_ICON,
        title: name,
        alt: name,
        keyboard: true,
      });
      m.bindPopup(() => this._popup(slug, name));
      markers.push(m);
      this._bySlug.set(slug, m);
    }
    cluster.addLayers(markers);
    this.dataset.markers = String(markers.length);
    if (!this._fitted || this.points.length) this._fit(markers);
  }

  private _fit(markers: L.Marker[]) {
    const map = this._map!;
    let latlngs = markers.map((m) => m.getLatLng());
    if (latlngs.length > 20) latlngs = trimOutliers(latlngs);
    if (this.home?.lat != null && this.home?.lon != null)
      latlngs.push(L.latLng(this.home.lat, this.home.lon));
    if (latlngs.length === 0) {
      map.setView(FRANCE, 5);
    } else if (latlngs.length === 1) {
      map.setView(latlngs[0], 11);
    } else {
      map.fitBounds(L.latLngBounds(latlngs), { padding: [30, 30], maxZoom: 12 });
    }
    this._fitted = true;
  }

  private _drawHome() {
    this._homeLayer?.remove();
    this._homeLayer = undefined;
    const h = this.home;
    if (h && h.lat != null && h.lon != null) {
      this._homeLayer = L.marker([h.lat, h.lon], {
        icon: HOME_ICON,
        title: `${withColon(t('map.myPlace'))} ${h.name}`,
        zIndexOffset: 1000,
      })
        .bindTooltip(`${t('map.myPlace')}`)
        .addTo(this._map!);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-place-map': LcPlaceMap;
  }
}
