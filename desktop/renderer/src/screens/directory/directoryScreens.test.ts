/**
 * The directory screens' pure parts: the preview's input from the local rows (rendered by the
 * public page's own renderer, in preview mode), the statistics' answer checked, the chart's geometry.
 */
import { describe, expect, it } from 'vitest';
import { draftListing, draftPhotos } from './previewInput.js';
import { chartGeometry, CHART } from './statsChart.js';
import { readStats } from '../../../../../shared/host/directoryChannels.js';
import { renderProfilePage } from '../../../../../shared/directory/pages/profilePage.js';
import type { ProfileFields, PortfolioPhoto } from '../../../../../shared/engine/queries/directoryQueries.js';

const DRAFT: ProfileFields = {
  published: false,
  name: ' Couture Éden ',
  city: 'lome',
  district: 'Bè',
  lat: 6.13,
  lng: 1.22,
  specialties: ['femme', 'mariage'],
  priceRange: 'premium',
  about: 'Robes <b>de</b> mariée',
  whatsapp: '+22890000001',
  acceptsOrders: true,
};

function photo(n: number, published = true): PortfolioPhoto {
  return { id: `id-${n}`, fileHash: String(n).repeat(64), caption: `Photo ${n}`, garmentTypeId: null, garmentType: null, published, position: n, createdAt: '2026-11-25T09:00:00.000Z' };
}

describe('the preview', () => {
  it('speaks the public listing from the form: the slug the hub starts from, the city\'s slug, text trimmed as the engine keeps it', () => {
    const listing = draftListing('w-1', DRAFT, null);
    expect(listing).toMatchObject({ workshopId: 'w-1', slug: 'couture-eden-lome', name: 'Couture Éden', city: 'lome', citySlug: 'lome', district: 'Bè', priceRange: 'premium' });
    expect(draftListing('w-1', { ...DRAFT, city: '  ', name: '' }, null)).toMatchObject({ slug: 'atelier', city: null, citySlug: null });
  });

  it('shows only the published photos, in order; the page uses the local sources and escapes the text', () => {
    const photos = draftPhotos([photo(1), photo(2, false), photo(3)]);
    expect(photos.map((p) => p.itemId)).toEqual(['id-1', 'id-3']);
    const html = renderProfilePage({ listing: draftListing('w-1', DRAFT, null), photos, publicUrl: 'https://styliste.example', preview: { photoSrc: (hash) => `blob:local/${hash.slice(0, 4)}` } });
    expect(html).toContain('blob:local/1111');
    expect(html).toContain('blob:local/3333');
    expect(html).not.toContain('blob:local/2222');
    expect(html).toContain('Couture Éden');
    expect(html).not.toContain('<b>de</b>');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});

describe('the statistics', () => {
  const day = (d: string, views: number, whatsappTaps = 0, callTaps = 0) => ({ day: d, views, whatsappTaps, callTaps });

  it('accepts the cloud\'s answer and refuses a malformed one whole', () => {
    const good = { days: [day('2026-11-24', 3, 1), day('2026-11-25', 5, 0, 2)], totals: { views: 8, whatsappTaps: 1, callTaps: 2 } };
    expect(readStats(good, 30)).toEqual(good);
    expect(readStats({ ...good, days: [day('24/11/2026', 3)] }, 30)).toBeNull();
    expect(readStats({ ...good, days: [day('2026-11-24', -1)] }, 30)).toBeNull();
    expect(readStats({ ...good, days: [day('2026-11-24', 1.5)] }, 30)).toBeNull();
    expect(readStats({ days: good.days }, 30)).toBeNull();
    expect(readStats({ ...good, days: Array.from({ length: 31 }, () => day('2026-11-24', 1)) }, 30)).toBeNull();
    expect(readStats(null, 30)).toBeNull();
  });

  it('draws the views as bars and the taps as lines on one scale, the highest day at the top', () => {
    const g = chartGeometry([day('2026-11-24', 0, 0, 0), day('2026-11-25', 10, 5, 10), day('2026-11-26', 5, 0, 0)]);
    expect(g.max).toBe(10);
    expect(g.bars).toHaveLength(3);
    expect(g.bars[0]!.height).toBe(0);
    expect(g.bars[1]!.y).toBe(CHART.padTop);
    expect(g.bars[2]!.height).toBeCloseTo(g.bars[1]!.height / 2, 0);
    expect(g.calls.split(' ')).toHaveLength(3);
    expect(g.calls.split(' ')[1]).toMatch(new RegExp(`,${CHART.padTop}$`));
    // A month of zeros still draws (scale 1), nothing divides by zero.
    const empty = chartGeometry(Array.from({ length: 30 }, (_, i) => day(`2026-11-${String(i + 1).padStart(2, '0')}`, 0)));
    expect(empty.max).toBe(1);
    expect(empty.whatsapp).not.toContain('NaN');
  });
});
