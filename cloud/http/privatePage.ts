/**
 * A small private HTML page's answer (the tracking link's page, the payment return page): French
 * or English, never cached, never indexed, no referrer sent on, and the page's own CSP.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';

/**
 * The CSP of a page that is nothing but HTML and its one inline style sheet (allowed by its hash):
 * no script, no image, no frame; forms post nowhere, or back to this site when the page has one.
 */
export function inlineStyleCsp(style: string, formAction: "'none'" | "'self'" = "'none'"): string {
  return ["default-src 'none'", `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`, "base-uri 'none'", `form-action ${formAction}`, "frame-ancestors 'none'"].join('; ');
}

export function sendPrivatePage(res: Response, page: { status: number; locale: string; html: string; csp: string; headers?: Record<string, string> }): void {
  res.status(page.status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Language', page.locale);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', page.csp);
  for (const [name, value] of Object.entries(page.headers ?? {})) res.setHeader(name, value);
  res.send(page.html);
}
