// The Content-Security-Policy the renderer runs under in every host (app:// in Electron,
// `dossier serve` in a browser): its own scripts and styles only, no inline code, and no
// request to any other origin — images in saved articles included, so that reading an
// article never tells a remote server that it was read.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
