/** Test support for the tracking page: GETs from a chosen client address, and the headers every answer carries. */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { expect } from 'vitest';

/** The narrow no-break space fr-FR groups thousands with (12 500 FCFA). */
export const NNBSP = '\u202f';

export interface PageAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** A GET from a given client address (the test server trusts X-Forwarded-For from loopback, as behind a proxy). */
export async function getPage(baseUrl: string, path: string, from = '203.0.113.1', headers: Record<string, string> = {}): Promise<PageAnswer> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { 'x-forwarded-for': from, ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** A GET whose path is sent exactly as written (fetch would resolve `..`). */
export function rawGetPage(baseUrl: string, path: string, from = '203.0.113.1'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers: { 'x-forwarded-for': from } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What every answer of the page carries, 200, 404, 429 and 503 alike. */
export function expectPageHeaders(answer: PageAnswer): void {
  expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(answer.headers.get('cache-control')).toBe('private, no-store');
  expect(answer.headers.get('x-robots-tag')).toBe('noindex');
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  expect(answer.body).toContain('<meta name="robots" content="noindex">');
  expect(answer.body).not.toMatch(/<script|<img|<link|<form|<iframe|\son\w+=/i);
  // The CSP allows exactly the page's one style sheet (by its hash) and nothing else.
  const style = /<style>([^<]*)<\/style>/.exec(answer.body)?.[1];
  expect(style).toBeDefined();
  const hash = createHash('sha256').update(style!).digest('base64');
  expect(answer.headers.get('content-security-policy')).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
}
