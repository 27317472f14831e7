/**
 * The HTTP headers every deployment sends, in one place: deploy/nginx.conf, the Apache sign-in
 * configuration and the nginx + oauth2-proxy configuration all carry exactly these values
 * (test/unit/deploy-config.test.ts compares them).
 */

/**
 * Static site: nothing runs on the server. The CSP allows only the site's own scripts and styles,
 * Pagefind's WebAssembly ('wasm-unsafe-eval') and its web worker; no inline scripts. style-src needs
 * 'unsafe-inline' for style attributes (code highlighting, chart swatches).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response, errors and redirects included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * Cache-Control per kind of file. Hashed build assets never change; pages, the search index and
 * calendar feeds change with every build under the same names. Behind sign-in every response is
 * `private`, so no shared proxy keeps a copy of staff content for the next person.
 */
export function cacheControl(kind: 'asset' | 'revalidate', signedIn: boolean): string {
  const value = kind === 'asset' ? 'public, max-age=31536000, immutable' : 'no-cache';
  return signedIn ? value.replace('public, ', 'private, ').replace(/^no-cache$/, 'private, no-cache') : value;
}
