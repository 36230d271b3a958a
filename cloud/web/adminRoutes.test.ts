/**
 * The admin portal's static serving (cloud/web/adminRoutes.ts) in the real app: /admin → /admin/,
 * the page with no-cache and the portal's strict CSP (replacing helmet's), hashed assets cached
 * for ever, an unknown route of the hash router answered with the page, no file outside out/admin.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CSP, mountAdminPortal } from './adminRoutes.js';

let server: Server;
let url: string;

beforeAll(async () => {
  const dir = `${mkdtempSync(join(tmpdir(), 'styliste-admin-'))}/`;
  mkdirSync(`${dir}assets`);
  writeFileSync(`${dir}index.html`, '<!doctype html><title>portail</title>');
  writeFileSync(`${dir}assets/index-abc123.js`, 'console.log(1)');
  writeFileSync(join(dir, '..', 'secret.txt'), 'hors du portail');
  const app = express();
  mountAdminPortal(app, dir);
  app.use((_req, res) => res.status(404).send('absent'));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the admin portal’s files', () => {
  it('redirects /admin to /admin/ and serves the page with no-cache and the strict CSP', async () => {
    const bare = await fetch(`${url}/admin`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/admin/');
    const page = await fetch(`${url}/admin/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(ADMIN_CSP);
    expect(ADMIN_CSP).toContain("script-src 'self'");
    expect(ADMIN_CSP).toContain("style-src 'self'");
    expect(ADMIN_CSP).toContain("img-src 'self' data: blob:");
    expect(ADMIN_CSP).toContain("frame-ancestors 'none'");
    expect(ADMIN_CSP).not.toContain('unsafe');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(await page.text()).toContain('portail');
  });

  it('caches hashed assets for ever, answers a route without extension with the page, and nothing else', async () => {
    const asset = await fetch(`${url}/admin/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const route = await fetch(`${url}/admin/ateliers`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('portail');
    expect((await fetch(`${url}/admin/assets/absent.js`)).status).toBe(404);
    expect((await fetch(`${url}/admin/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(`${url}/admin/..%2fsecret.txt`)).status).toBe(404);
    // A broken escape: refused, never a server error.
    expect([400, 404]).toContain((await fetch(`${url}/admin/%E0%A4%A`)).status);
  });
});
