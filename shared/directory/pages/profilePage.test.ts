/** The profile page's HTML as a string: escaping, SEO tags, JSON-LD, preview mode. */
import { describe, expect, it } from 'vitest';
import { renderProfilePage } from './profilePage.js';
import type { PublicListing, PublicPhoto } from '../listingTypes.js';
import { previewListing, previewPhotos } from './preview.js';

const HOSTILE = `Atelier </script><script>alert("x")</script> & 'Fils' <!--`;

function listing(fields: Partial<PublicListing> = {}): PublicListing {
  return {
    workshopId: '00000000-0000-4000-8000-000000000001',
    slug: 'atelier-awa-cotonou',
    name: 'Atelier Awa',
    city: 'Cotonou',
    citySlug: 'cotonou',
    district: 'Akpakpa',
    lat: 6.3703,
    lng: 2.3912,
    specialties: ['femme', 'mariage'],
    priceRange: 'standard',
    about: 'Couture sur mesure.\nRobes de mariée.',
    whatsapp: '+2290197000101',
    acceptsOrders: true,
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...fields,
  };
}

const photo = (n: number): PublicPhoto => ({ itemId: `i${n}`, fileHash: String(n).repeat(64).slice(0, 64), caption: n === 1 ? 'Robe <b>bleue</b>' : null, garmentType: null, position: n, width: 1200, height: 900 });

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match![1]!) as Record<string, unknown>;
}

describe('renderProfilePage', () => {
  it('gives a full French document with its SEO tags and a parsable ClothingStore', () => {
    const html = renderProfilePage({ listing: listing(), photos: [photo(1), photo(2)], publicUrl: 'https://styliste.example' });
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('<title>Atelier Awa — atelier de couture à Cotonou | Styliste</title>');
    expect(html).toContain('<link rel="canonical" href="https://styliste.example/s/atelier-awa-cotonou">');
    expect(html).toContain(`<meta property="og:image" content="https://styliste.example/s/atelier-awa-cotonou/photos/${'1'.repeat(64)}.webp">`);
    expect(html).toContain('<li>Mariage</li>');
    expect(html).toContain('href="/s/atelier-awa-cotonou/whatsapp"');
    expect(html).toContain('href="tel:+2290197000101" class="btn alt" ping="/s/atelier-awa-cotonou/appel"');
    expect(html).toContain('<img class="beacon" src="/s/atelier-awa-cotonou/vue.gif" width="1" height="1" alt="">');
    expect(html).toContain('href="/s/atelier-awa-cotonou/signaler"');
    expect(html).toContain('width="400" height="300" loading="lazy"');
    expect(html).toContain('Robe &lt;b&gt;bleue&lt;/b&gt;');
    const ld = jsonLdOf(html);
    expect(ld).toMatchObject({ '@type': 'ClothingStore', name: 'Atelier Awa', telephone: '+2290197000101', url: 'https://styliste.example/s/atelier-awa-cotonou' });
    expect(ld.address).toMatchObject({ addressLocality: 'Cotonou', addressCountry: 'BJ' });
    expect(ld.geo).toMatchObject({ latitude: 6.3703, longitude: 2.3912 });
  });

  it('escapes a hostile name everywhere, the JSON-LD included', () => {
    const html = renderProfilePage({ listing: listing({ name: HOSTILE, about: HOSTILE, district: '"><img src=x>' }), photos: [], publicUrl: 'https://styliste.example' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html.match(/<\/script>/g)?.length).toBe(2); // the map script's and the JSON-LD's own closing tags only
    expect(jsonLdOf(html).name).toBe(HOSTILE);
  });

  it('no WhatsApp number: no WhatsApp nor call button', () => {
    const html = renderProfilePage({ listing: listing({ whatsapp: null }), photos: [], publicUrl: 'https://styliste.example' });
    expect(html).not.toContain('/whatsapp');
    expect(html).not.toContain('tel:');
  });

  it('in preview: photos from photoSrc, style inline, no script, beacon, ping or link', () => {
    const html = renderProfilePage({ listing: listing(), photos: [photo(1)], publicUrl: 'https://styliste.example', preview: { photoSrc: (hash) => `blob:photo-${hash.slice(0, 4)}` } });
    expect(html).toContain('src="blob:photo-1111"');
    expect(html).toContain('<style>');
    expect(html).not.toContain('<script src');
    expect(html).not.toContain('vue.gif');
    expect(html).not.toContain('ping=');
    expect(html).not.toMatch(/<a [^>]*href=/);
    expect(html).toContain('Aperçu');
  });
});

describe('the preview from the device rows', () => {
  it('builds the listing and the published photos in order', () => {
    const row = { published: false, name: 'Atelier Éden', city: 'Porto-Novo', district: null, lat: 6.5, lng: 2.6, specialties: ['homme' as const], priceRange: null, about: null, whatsapp: null, acceptsOrders: true, updatedAt: '2026-12-01T10:00:00.000Z' };
    const item = (position: number, fields: { published?: boolean; deletedAt?: string | null } = {}) => ({
      id: `i${position}`,
      row: { fileHash: String(position).repeat(64), caption: null, garmentTypeId: null, published: fields.published ?? true, position, createdAt: row.updatedAt, deletedAt: fields.deletedAt ?? null },
    });
    const listingRow = previewListing('w1', row);
    expect(listingRow).toMatchObject({ slug: 'atelier-eden-porto-novo', citySlug: 'porto-novo', name: 'Atelier Éden' });
    const photos = previewPhotos([item(3), item(1), item(2, { published: false }), item(4, { deletedAt: row.updatedAt })], (hash) => (hash.startsWith('1') ? { width: 1200, height: 800 } : null));
    expect(photos.map((p) => [p.position, p.width])).toEqual([[1, 1200], [3, null]]);
    const html = renderProfilePage({ listing: listingRow, photos, publicUrl: 'https://styliste.example', preview: { photoSrc: (hash) => `blob:${hash.slice(0, 2)}` } });
    expect(html).toContain('src="blob:11" width="400" height="267"');
  });
});
