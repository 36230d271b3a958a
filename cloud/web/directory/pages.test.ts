/**
 * The directory's pages against a real server (local storage, real uploads): the list, the city
 * pages, a profile with its SEO tags and photos, hidden profiles never shown (unpublished,
 * suspended, plan without the directory, moderated), a moved slug, photos served only while shown,
 * the sitemap and robots.txt, headers a CDN can keep, hostile addresses answered with a 400 page.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { photo, putFile, sha256, useFilesServer } from '../../files/testkit.js';
import { startTestServer } from '../../testing/testServer.js';
import { addPortfolioPhoto, COTONOU, listedWorkshop, setSubscription, slugOf, writeProfile } from '../../directory/directoryTesting.js';
import { photoPath } from '../../../shared/directory/paths.js';
import { hideListing, jsonLdOf, listedSlugs, uploadPortfolioPhoto } from './pagesTesting.js';
import { STYLESHEET_PATH } from '../../../shared/directory/pages/style.js';

const server = useFilesServer();
const HOSTILE = `Couture </script><script>alert(1)</script> "Léa" & 'Fils'`;
const slugs: Record<string, string> = {};
const workshops: Record<string, string> = {};
const hashes: { awa: string[]; hostile: string; unready: string } = { awa: [], hostile: '', unready: 'e'.repeat(64) };
let oldSlug = '';

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

beforeAll(async () => {
  const { ctx, url } = server;
  const awa = await listedWorkshop(ctx, 'Atelier Awa', { district: 'Akpakpa', specialties: ['femme', 'mariage'], about: 'Robes de mariée sur mesure.' });
  hashes.awa.push(await uploadPortfolioPhoto(url, ctx, awa, 1, { caption: 'Robe bleue', position: 0 }), await uploadPortfolioPhoto(url, ctx, awa, 2, { position: 1 }));
  await addPortfolioPhoto(ctx, awa.workshopId, hashes.unready, { position: 2 }); // still on the device: never shown
  const hostile = await listedWorkshop(ctx, HOSTILE, { lat: COTONOU.lat + 0.02, lng: COTONOU.lng, district: '"><img src=x onerror=alert(1)>' });
  hashes.hostile = await uploadPortfolioPhoto(url, ctx, hostile, 3);
  const lome = await listedWorkshop(ctx, 'Couture Kodjo', { city: 'Lomé', district: 'Bè', lat: 6.1319, lng: 1.2228, whatsapp: null });
  const unpublished = await listedWorkshop(ctx, 'Atelier Brouillon', { published: false });
  const suspended = await listedWorkshop(ctx, 'Atelier Suspendu');
  await setSubscription(ctx, suspended.workshopId, 'suspended');
  const planless = await listedWorkshop(ctx, 'Atelier Sans Annuaire');
  await setSubscription(ctx, planless.workshopId, 'active', 'free');
  const moderated = await listedWorkshop(ctx, 'Atelier Modéré');
  await hideListing(ctx, moderated.workshopId);
  const renamed = await listedWorkshop(ctx, 'Atelier Ancien Nom');
  oldSlug = (await slugOf(ctx, renamed.workshopId))!;
  await writeProfile(ctx, renamed.workshopId, { name: 'Atelier Nouveau Nom' });
  for (const [key, shop] of Object.entries({ awa, hostile, lome, unpublished, suspended, planless, moderated, renamed })) {
    slugs[key] = (await slugOf(ctx, shop.workshopId))!;
    workshops[key] = shop.workshopId;
  }
});

const HIDDEN = ['unpublished', 'suspended', 'planless', 'moderated'] as const;

describe('/annuaire', () => {
  it('lists the visible workshops, complete without JavaScript, with headers a CDN can keep', async () => {
    const res = await get('/annuaire');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=600');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain('img-src \'self\' data: https://*.tile.openstreetmap.org');
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<form class="search" method="get" action="/annuaire"');
    expect(html).toContain('<link rel="canonical" href="http://127.0.0.1:');
    expect(listedSlugs(html).sort()).toEqual([slugs.awa, slugs.hostile, slugs.lome, slugs.renamed].sort());
    for (const key of HIDDEN) expect(html).not.toContain(slugs[key]);
    expect(html).toContain(`src="${photoPath(slugs.awa!, hashes.awa[0]!)}" width="80" height="80" loading="lazy"`);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Couture &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;Léa&quot; &amp; &#39;Fils&#39;');
  });

  it('around a position: nearest first with honest distances, filters, the radius', async () => {
    const html = await (await get(`/annuaire?lat=${COTONOU.lat}&lng=${COTONOU.lng}&radiusKm=5&q=&specialty=&priceRange=`)).text();
    // Two at the centre (by name), then the one 2.2 km north.
    expect(listedSlugs(html)).toEqual([slugs.awa, slugs.renamed, slugs.hostile]);
    expect(html).toContain('à 2,2 km');
    expect(html).toContain('<meta name="robots" content="noindex, follow">');
    const mariage = await (await get(`/annuaire?lat=${COTONOU.lat}&lng=${COTONOU.lng}&specialty=mariage`)).text();
    expect(listedSlugs(mariage)).toEqual([slugs.awa]);
  });

  it('the city select leads to the city page with the other filters', async () => {
    const res = await get('/annuaire?q=awa&ville=cotonou&lat=1&lng=2&radiusKm=10');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/annuaire/cotonou?q=awa&radiusKm=10');
  });
});

describe('/annuaire/<ville>', () => {
  it("a city's page lists its workshops only", async () => {
    const res = await get('/annuaire/cotonou');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Tailleurs et couturiers à Cotonou — Styliste</title>');
    expect(html).toContain('<h1>Tailleurs et couturiers à Cotonou</h1>');
    expect(listedSlugs(html).sort()).toEqual([slugs.awa, slugs.hostile, slugs.renamed].sort());
    const lome = await (await get('/annuaire/lome')).text();
    expect(listedSlugs(lome)).toEqual([slugs.lome]);
    expect(lome).toContain('<h1>Tailleurs et couturiers à Lomé</h1>');
  });

  it('an unknown city without listings is a 404 page; a known one without listings says so', async () => {
    const missing = await get('/annuaire/atlantis-sur-mer');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>Page introuvable</h1>');
    const empty = await get('/annuaire/parakou');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Aucun atelier n’est encore inscrit dans cette ville.');
    expect((await get('/annuaire/cotonou/autre')).status).toBe(404);
  });
});

describe('/s/<slug>', () => {
  it('shows the profile with its SEO tags, JSON-LD, photos, buttons and the view beacon', async () => {
    const res = await get(`/s/${slugs.awa}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=600');
    const html = await res.text();
    const base = server.ctx.config.publicUrl;
    expect(html).toContain('<title>Atelier Awa — atelier de couture à Cotonou | Styliste</title>');
    expect(html).toMatch(/<meta name="description" content="Atelier Awa, atelier de couture à Akpakpa, Cotonou\. Femme, Mariage\./);
    expect(html).toContain(`<link rel="canonical" href="${base}/s/${slugs.awa}">`);
    expect(html).toContain(`<meta property="og:image" content="${base}${photoPath(slugs.awa!, hashes.awa[0]!)}">`);
    expect(html).toContain(`<meta property="og:url" content="${base}/s/${slugs.awa}">`);
    expect(html).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}">`);
    const ld = jsonLdOf(html);
    expect(ld).toMatchObject({ '@context': 'https://schema.org', '@type': 'ClothingStore', name: 'Atelier Awa', telephone: '+2290197000101', url: `${base}/s/${slugs.awa}` });
    expect(ld.address).toMatchObject({ addressLocality: 'Cotonou', addressCountry: 'BJ' });
    expect(ld.geo).toMatchObject({ latitude: COTONOU.lat, longitude: COTONOU.lng });
    expect(ld.image).toEqual(hashes.awa.map((hash) => `${base}${photoPath(slugs.awa!, hash)}`));
    // Two ready photos, in order, lazy, with their thumbnails' size; the one still on the device is not there.
    const imgs = [...html.matchAll(/<li><figure><img src="([^"]+)" width="(\d+)" height="(\d+)" loading="lazy"/g)];
    expect(imgs.map((m) => m[1])).toEqual(hashes.awa.map((hash) => photoPath(slugs.awa!, hash)));
    expect(imgs[0]!.slice(2)).toEqual(['400', '311']);
    expect(html).not.toContain(hashes.unready);
    expect(html).toContain(`<a href="/s/${slugs.awa}/whatsapp" class="btn" rel="nofollow">Écrire sur WhatsApp</a>`);
    expect(html).toMatch(new RegExp(`<a href="tel:\\+2290197000101" class="btn alt" ping="/s/${slugs.awa}/appel">Appeler le`));
    expect(html).toContain(`<a href="/s/${slugs.awa}/signaler" rel="nofollow">Signaler ce profil</a>`);
    expect(html).toContain(`<img class="beacon" src="/s/${slugs.awa}/vue.gif" width="1" height="1" alt="">`);
    for (const words of ['Akpakpa, Cotonou', 'Femme', 'Mariage', 'Prix moyens', 'Robes de mariée sur mesure.', 'Accepte de nouvelles commandes', 'Robe bleue', 'Voir sur OpenStreetMap']) expect(html).toContain(words);
  });

  it('escapes a hostile name and district, in the page and its JSON-LD', async () => {
    const html = await (await get(`/s/${slugs.hostile}`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(jsonLdOf(html).name).toBe(HOSTILE);
  });

  it('no WhatsApp number: neither a WhatsApp nor a call button', async () => {
    const html = await (await get(`/s/${slugs.lome}`)).text();
    expect(html).not.toContain('/whatsapp"');
    expect(html).not.toContain('tel:');
    expect(jsonLdOf(html).address).toMatchObject({ addressLocality: 'Lomé', addressCountry: 'TG' });
  });

  it('hidden profiles are 404 pages; a renamed one answers 301 from its old slug', async () => {
    for (const key of HIDDEN) {
      const res = await get(`/s/${slugs[key]}`);
      expect(res.status, key).toBe(404);
      expect(await res.text()).toContain('Page introuvable');
    }
    expect(oldSlug).not.toBe(slugs.renamed);
    const moved = await get(`/s/${oldSlug}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/s/${slugs.renamed}`);
    expect((await get('/s/nobody-here')).status).toBe(404);
    const capitals = await get(`/s/${slugs.awa!.toUpperCase()}`);
    expect(capitals.status).toBe(301);
    expect(capitals.headers.get('location')).toBe(`/s/${slugs.awa}`);
  });
});

describe('photos', () => {
  it('serves a shown photo as its 400 px WebP, cached a day', async () => {
    const res = await get(photoPath(slugs.awa!, hashes.awa[0]!));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.format, meta.width]).toEqual(['webp', 400]);
  });

  it("another workshop's photo, an unready one, a hidden profile's or a wrong name: 404", async () => {
    expect((await get(photoPath(slugs.awa!, hashes.hostile))).status).toBe(404);
    expect((await get(photoPath(slugs.awa!, hashes.unready))).status).toBe(404);
    expect((await get(`/s/${slugs.awa}/photos/${hashes.awa[0]}.png`)).status).toBe(404);
    expect((await get(`/s/${slugs.awa}/photos/..%2F..%2Fetc.webp`)).status).toBe(404);
    expect((await get(photoPath(slugs.hostile!, hashes.hostile))).status).toBe(200);
    await hideListing(server.ctx, workshops.hostile!);
    expect((await get(photoPath(slugs.hostile!, hashes.hostile))).status).toBe(404);
  });
});

describe('a photo taken offline', () => {
  it('appears on the public page once its file is uploaded, not before', async () => {
    const { ctx, url } = server;
    const shop = await listedWorkshop(ctx, 'Atelier Hors Ligne', { city: 'Grand-Popo', lat: 6.2833, lng: 1.8333 });
    const slug = (await slugOf(ctx, shop.workshopId))!;
    const original = await photo(800, 600);
    const hash = sha256(original);
    await addPortfolioPhoto(ctx, shop.workshopId, hash); // the row synced, the file still on the device
    expect(await (await get(`/s/${slug}`)).text()).not.toContain(hash);
    expect((await get(photoPath(slug, hash))).status).toBe(404);
    expect((await putFile(url, shop.owner.token, hash, original, { kind: 'portfolio' })).status).toBe(201);
    const html = await (await get(`/s/${slug}`)).text();
    expect(html).toContain(`<img src="${photoPath(slug, hash)}" width="400" height="300" loading="lazy"`);
    expect((await get(photoPath(slug, hash))).status).toBe(200);
    // A city outside the known list has its page too, named as the workshop wrote it.
    const city = await get('/annuaire/grand-popo');
    expect(city.status).toBe(200);
    const page = await city.text();
    expect(page).toContain('<h1>Tailleurs et couturiers à Grand-Popo</h1>');
    expect(listedSlugs(page)).toEqual([slug]);
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('the sitemap has the home, the directory, the cities and every visible profile with its last change', async () => {
    const res = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    const base = server.ctx.config.publicUrl;
    for (const path of ['/', '/annuaire', '/annuaire/cotonou', '/annuaire/lome', `/s/${slugs.awa}`, `/s/${slugs.lome}`, `/s/${slugs.renamed}`]) expect(xml).toContain(`<loc>${base}${path}</loc>`);
    expect(xml).toMatch(new RegExp(`<loc>${base}/s/${slugs.awa}</loc><lastmod>\\d{4}-\\d\\d-\\d\\dT`));
    for (const key of HIDDEN) expect(xml).not.toContain(`/s/${slugs[key]}<`);
    expect(xml).not.toContain(`/s/${oldSlug}<`);
  });

  it('robots.txt allows the pages, not the API, the app nor the tracking links', async () => {
    const body = await (await get('/robots.txt')).text();
    for (const line of ['Allow: /annuaire', 'Allow: /s/', 'Disallow: /api/', 'Disallow: /app/', 'Disallow: /t/', `Sitemap: ${server.ctx.config.publicUrl}/sitemap.xml`]) expect(body.split('\n')).toContain(line);
  });
});

describe('hostile addresses', () => {
  it('answer a French 400 page (or a 404), never a 500 nor JSON', async () => {
    const cases = ['/annuaire?q=%00', `/annuaire?q=${'a'.repeat(5000)}`, '/annuaire?q=a&q=b', '/annuaire?page=abc', '/annuaire?lat=6.3', '/annuaire?specialty=pirate', '/annuaire?ville=%3Cscript%3E', '/annuaire?ville=cotonou&ville=lome', '/annuaire/cotonou?radiusKm=-1', `/s/%ED%A0%80`, '/s/a%00b', '/annuaire/%00'];
    for (const path of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html, path).toContain('<h1>Recherche invalide</h1>');
      expect(html, path).not.toContain('<script>');
    }
    // Invalid UTF-8 in a query: Express reads U+FFFD, searched like any text (ignored, not an error).
    const replaced = await get('/annuaire?q=%ED%A0%80');
    expect(replaced.status).toBe(200);
    expect(await replaced.text()).toContain('Aucun atelier ne correspond');
    const tooLong = await (await get(`/annuaire?q=${'a'.repeat(5000)}`)).text();
    expect(tooLong).toContain('Recherche trop longue (80 caractères au plus)');
    for (const path of ['/s/', '/s/x/y/z', '/annuaire/a/b', `/s/${'a'.repeat(3000)}`]) expect((await get(path)).status, path).toBe(404);
  });
});

describe('a database that does not answer', () => {
  it('gives a French 503 page, never cached, never a 500', async () => {
    const broken = await startTestServer();
    try {
      await broken.ctx.db.close();
      for (const path of ['/annuaire', '/annuaire/cotonou', '/s/atelier-awa-cotonou', '/sitemap.xml']) {
        const res = await fetch(`${broken.url}${path}`);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('cache-control'), path).toBe('no-store');
        expect(await res.text(), path).toContain('L’annuaire ne répond pas');
      }
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});

describe('files', () => {
  it('the style sheet is cached a year, the map script a day, Leaflet a year', async () => {
    const css = await get(STYLESHEET_PATH);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const html = await (await get('/annuaire')).text();
    const script = await get('/annuaire/carte.js');
    expect(html).toContain('<script src="/annuaire/carte.js" defer></script>');
    expect(script.headers.get('cache-control')).toBe('public, max-age=86400');
    const base = /"(\/annuaire\/leaflet\/[^"]+\/)"/.exec(await script.text())![1]!;
    for (const file of ['leaflet.js', 'leaflet.css', 'images/marker-icon.png', 'leaflet.markercluster.js', 'MarkerCluster.css', 'MarkerCluster.Default.css']) {
      const res = await get(`${base}${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
    }
  });
});
