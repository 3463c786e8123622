/** A client-side route: a path pattern with `:params` and the element that shows it. */
export interface Route {
  pattern: string;
  /** Builds the view for the matched params and query string. */
  render: (params: Record<string, string>, query: URLSearchParams) => unknown;
}

/** Matches `path` against `pattern` ("/wiki/:slug"); returns the decoded params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Navigates within the application without a reload (fires `lc-navigate` on window). */
export function navigate(url: string) {
  history.pushState(null, '', url);
  window.dispatchEvent(new Event('lc-navigate'));
}

/** Makes same-origin <a> clicks (also inside shadow roots) client-side navigations. */
export function interceptLinks() {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || !a.href || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    if (
      url.origin !== location.origin ||
      url.pathname.startsWith('/api/') ||
      url.pathname.startsWith('/feed/') ||
      url.pathname.startsWith('/files/')
    )
      return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
