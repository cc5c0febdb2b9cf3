// One spelling per page address, so that the core can recognise a page saved twice from
// different links: lower-case scheme and host, no default port, no fragment, no tracking
// parameters (utm_*, fbclid, gclid and kin), query sorted by name, no trailing slash.

/** Query parameters that say how a reader arrived, never which page it is. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga)$/i;

/**
 * The canonical form of an http(s) URL. Anything else (another scheme, not a URL) comes
 * back trimmed but otherwise untouched, so it still compares equal to itself. Idempotent;
 * never throws.
 */
export function canonicalUrl(input: string): string {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return raw;
  url.hash = '';
  // URL already lower-cases the scheme and host and drops default ports; a trailing dot
  // on the host names the same site.
  url.hostname = url.hostname.replace(/\.$/, '');
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
  // Sort by name, then value, so that repeated parameters come out in one order too.
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = params.length > 0 ? new URLSearchParams(params).toString() : '';
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  let out = url.href;
  // A bare host ("https://example.com/") loses its slash too, query or not.
  if (url.pathname === '/') out = out.replace(/^([^:]+:\/\/[^/?#]+)\/(?=\?|$)/, '$1');
  return out;
}

/** The key the core recognises a page saved twice by: its canonical address, or null without one. */
export function urlKey(url: string | null | undefined): string | null {
  return url ? canonicalUrl(url) : null;
}
