// The browser host's session token: taken from ?token= on the first load, kept in
// sessionStorage (so reloads keep working) and removed from the address bar at once, so
// it is not left in history, bookmarks or screenshots.

const KEY = 'dossier.token';

export function sessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY);
}
