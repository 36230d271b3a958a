/** Test support for the directory's pages: a real photo uploaded to a listed workshop, an answer's bytes as served, the JSON-LD of a page. */
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../../context.js';
import type { FixtureWorkshop } from '../../testing/fixtures.js';
import { photo, putFile, sha256 } from '../../files/testkit.js';
import { addPortfolioPhoto } from '../../directory/directoryTesting.js';

/** Uploads a real photo (through PUT /api/files) and adds it to the portfolio; returns its hash. */
export async function uploadPortfolioPhoto(url: string, ctx: CloudContext, shop: FixtureWorkshop, seed: number, fields: { caption?: string; position?: number } = {}): Promise<string> {
  const original = await photo(900 + seed, 700 + seed);
  const hash = sha256(original);
  const res = await putFile(url, shop.owner.token, hash, original, { kind: 'portfolio' });
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  await addPortfolioPhoto(ctx, shop.workshopId, hash, fields);
  return hash;
}

/** Bytes of a body exactly as the server sent them (gzip asked), and the headers. */
export function fetchRaw(url: string, headers: Record<string, string> = { 'accept-encoding': 'gzip' }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no JSON-LD in the page');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

/** Hides a listing as the moderation does. */
export async function hideListing(ctx: CloudContext, workshopId: string): Promise<void> {
  await ctx.db.system((tx) => tx.execute(sql`UPDATE directory_listings SET hidden_at = now() WHERE workshop_id = ${workshopId}`));
}

/** The profile slugs a page links to, in order. */
export function listedSlugs(html: string): string[] {
  return [...html.matchAll(/<li class="result" data-map-item data-slug="([^"]+)"/g)].map((m) => m[1]!);
}
