/**
 * The pages' data budget (issue 11), measured as served (gzip asked, the bytes on the wire):
 * `/annuaire` with 20 results ≤ 30 KB before the map, `/s/<slug>` with 30 photos ≤ 40 KB before
 * images — the page, its style sheet and its script together. Names, districts, captions and
 * texts are as long as real ones get. Prints the figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { addPortfolioPhoto, listedWorkshop, markFileReady, slugOf } from '../../directory/directoryTesting.js';
import { MAP_SCRIPT_PATH, STYLESHEET_PATH } from '../../../shared/directory/pages/style.js';
import { fetchRaw, listedSlugs } from './pagesTesting.js';
import { afterAll } from 'vitest';

let server: TestServer;
let profileSlug = '';
const PORTO_NOVO = { lat: 6.4969, lng: 2.6289 };
const hex = (n: number, salt: string) => `${salt}${n.toString(16)}`.padStart(64, '0').slice(-64);

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 24; i += 1) {
    const shop = await listedWorkshop(server.ctx, `Atelier de couture Maison Élégance ${i} et Fils`, {
      city: 'Porto-Novo',
      district: `Quartier Ouando-Kotin ${i}`,
      lat: PORTO_NOVO.lat + i * 0.001,
      lng: PORTO_NOVO.lng - i * 0.001,
      specialties: ['homme', 'femme', 'mariage', 'traditionnel'],
      priceRange: 'standard',
    });
    const hash = hex(i, 'a');
    await markFileReady(server.ctx, shop.workshopId, hash);
    await addPortfolioPhoto(server.ctx, shop.workshopId, hash);
  }
  const about = 'Couture sur mesure pour hommes, femmes et enfants : tenues traditionnelles, robes de mariée, uniformes scolaires. '.repeat(8).slice(0, 1000);
  const shop = await listedWorkshop(server.ctx, 'Atelier Grande Galerie', { city: 'Porto-Novo', district: 'Ouando', about, specialties: ['femme', 'mariage', 'traditionnel', 'retouches'] });
  for (let i = 0; i < 30; i += 1) {
    const hash = hex(i, 'b');
    await markFileReady(server.ctx, shop.workshopId, hash);
    await addPortfolioPhoto(server.ctx, shop.workshopId, hash, { caption: `Robe en pagne wax, modèle ${i}, doublée, avec broderies`, position: i });
  }
  profileSlug = (await slugOf(server.ctx, shop.workshopId))!;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function served(path: string): Promise<number> {
  const res = await fetchRaw(`${server.url}${path}`);
  expect(res.status, path).toBe(200);
  if (res.bytes > 512) expect(res.headers['content-encoding'], path).toMatch(/gzip/);
  return res.bytes;
}

describe('data budget', () => {
  it('/annuaire with 20 results: at most 30 KB compressed before the map', async () => {
    const path = `/annuaire?lat=${PORTO_NOVO.lat}&lng=${PORTO_NOVO.lng}&radiusKm=25`;
    const html = await (await fetch(`${server.url}${path}`)).text();
    expect(listedSlugs(html)).toHaveLength(20);
    const [page, css, script] = [await served(path), await served(STYLESHEET_PATH), await served(MAP_SCRIPT_PATH)];
    console.log(`/annuaire, 20 results: page ${page} B + style ${css} B + script ${script} B = ${page + css + script} B gzip (raw page ${Buffer.byteLength(html)} B)`);
    expect(page + css + script).toBeLessThanOrEqual(30 * 1024);
    // Page links keep the filters; the second page holds the rest, nearest first still.
    expect(html).toContain(`href="/annuaire?lat=${PORTO_NOVO.lat}&amp;lng=${PORTO_NOVO.lng}&amp;radiusKm=25&amp;page=2" rel="next"`);
    const second = await (await fetch(`${server.url}${path}&page=2`)).text();
    expect(listedSlugs(second)).toHaveLength(4);
    expect(second).toContain('rel="prev"');
    expect(listedSlugs(second).some((slug) => listedSlugs(html).includes(slug))).toBe(false);
    // Not a timed test: the figure is printed (the bench measures it at scale).
    const times: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const start = performance.now();
      await (await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`/annuaire, 20 results, 60 requests: p50 ${times[30]!.toFixed(1)} ms, p95 ${times[57]!.toFixed(1)} ms`);
    const city = await served('/annuaire/porto-novo');
    console.log(`/annuaire/porto-novo, 20 results: page ${city} B gzip`);
    expect(city + css + script).toBeLessThanOrEqual(30 * 1024);
  });

  it('/s/<slug> with 30 photos: at most 40 KB compressed before images', async () => {
    const html = await (await fetch(`${server.url}/s/${profileSlug}`)).text();
    expect(html.match(/loading="lazy"/g)).toHaveLength(30);
    const [page, css, script] = [await served(`/s/${profileSlug}`), await served(STYLESHEET_PATH), await served(MAP_SCRIPT_PATH)];
    console.log(`/s/<slug>, 30 photos: page ${page} B + style ${css} B + script ${script} B = ${page + css + script} B gzip (raw page ${Buffer.byteLength(html)} B)`);
    expect(page + css + script).toBeLessThanOrEqual(40 * 1024);
  });
});
