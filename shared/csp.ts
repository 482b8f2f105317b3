/**
 * The inspector's Content-Security-Policy, one policy for both ways it is served: by the
 * control server to a browser and by the desktop app's file protocol. The page talks only to
 * its own origin (or window.hooklens): no inline script, no eval, no plugins, no frames.
 */
export const INSPECTOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')
