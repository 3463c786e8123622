// Leaflet's style sheets imported as strings (Vite `?inline`) so they can be adopted by a
// shadow root: Leaflet in shadow DOM needs its CSS inside that root.
declare module 'leaflet/dist/leaflet.css?inline' {
  const css: string;
  export default css;
}
declare module 'leaflet.markercluster/dist/MarkerCluster.css?inline' {
  const css: string;
  export default css;
}
declare module 'leaflet.markercluster/dist/MarkerCluster.Default.css?inline' {
  const css: string;
  export default css;
}
