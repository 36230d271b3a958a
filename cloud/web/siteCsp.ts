/**
 * The Content-Security-Policy of the pages the cloud serves under its own policy (the directory's
 * pages, the admin portal): scripts, style sheets, fonts and requests from the site only — no
 * inline script or style — forms to the site, no framing; only the image sources differ.
 */
export function siteCsp(imageSources: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${imageSources}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
