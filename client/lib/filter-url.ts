/**
 * Mirrors a directory's filters in the address bar, so that a filtered view can be shared and
 * the back button undoes a filter: `path` followed by the non-empty `params`, in their order.
 * `push` adds a history entry (a click on a filter); otherwise the entry is replaced (typing).
 */
export function showFiltersInUrl(
  path: string,
  params: Record<string, string>,
  push: boolean,
): void {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) p.set(key, value);
  const search = p.toString();
  const url = `${path}${search ? `?${search}` : ''}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
