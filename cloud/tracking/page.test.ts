/**
 * The tracking page's parts on their own: French (and English) days, the workshop's day of an
 * instant, hostile values escaped, the limiter's key per address.
 */
import { describe, expect, it } from 'vitest';
import { addressKey } from './limits.js';
import type { TrackedOrder } from './lookup.js';
import { dayIn, longDay, notFoundPage, trackingPage } from './page.js';

const order = (over: Partial<TrackedOrder> = {}, workshop: Partial<TrackedOrder['workshop']> = {}): TrackedOrder => ({
  number: 'A-42',
  status: 'ready',
  promisedDate: '2026-12-08',
  deliveredAt: null,
  balance: 12_500,
  ...over,
  workshop: { name: 'Atelier Sènou', phone: '+2290197000000', city: 'Abomey-Calavi', timeZone: 'Africa/Porto-Novo', ...workshop },
});

describe('days', () => {
  it('in French with the day’s name, "1er" on the first of a month; in English', () => {
    expect(longDay('2026-12-08', 'fr')).toBe('mardi 8 décembre 2026');
    expect(longDay('2030-06-01', 'fr')).toBe('samedi 1er juin 2030');
    expect(longDay('2026-12-08', 'en')).toBe('Tuesday, December 8, 2026');
    expect(longDay('2026-13-45', 'fr')).toBe('2026-13-45');
    expect(longDay('not a day', 'fr')).toBe('not a day');
  });

  it('an instant is the workshop’s day in its time zone, Porto-Novo’s when the zone is unknown', () => {
    expect(dayIn('2026-12-07T23:30:00.000Z', 'Africa/Porto-Novo')).toBe('2026-12-08');
    expect(dayIn('2026-12-07T23:30:00.000Z', 'UTC')).toBe('2026-12-07');
    expect(dayIn('2026-12-07T23:30:00.000Z', 'Mars/Olympus')).toBe('2026-12-08');
    expect(dayIn('garbage', 'Africa/Porto-Novo')).toBeNull();
  });
});

describe('the page', () => {
  it('escapes what the workshop typed, links only a diallable number', () => {
    const html = trackingPage(order({ number: 'A-<1>' }, { name: '<script>alert("x")</script> & Fils', city: "l'Étoile \"Rouge\"", phone: 'javascript:alert(1)' }), 'fr');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils');
    expect(html).toContain('l&#39;Étoile &quot;Rouge&quot;');
    expect(html).toContain('<h1>Commande A-&lt;1&gt;</h1>');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('<a ');
    expect(trackingPage(order(), 'fr')).toContain('<a class="call" href="tel:+2290197000000">Appeler le +229\u00a001\u00a097\u00a000\u00a000\u00a000</a>');
    expect(trackingPage(order({}, { phone: null, city: null }), 'fr')).not.toMatch(/<a |<br>/);
  });

  it('a delivered order says its day, not the promised one; no workshop name still makes a title', () => {
    const html = trackingPage(order({ status: 'delivered', deliveredAt: '2026-12-07T23:30:00.000Z', balance: 0 }, { name: '' }), 'fr');
    expect(html).toContain('<dt>Remise le</dt><dd>mardi 8 décembre 2026</dd>');
    expect(html).toContain('<title>Commande A-42</title>');
    expect(html).toContain('<dd>Tout est payé.</dd>');
    expect(html).not.toContain('class="shop"');
  });

  it('the 404 page is small and says what to do', () => {
    const html = notFoundPage('fr');
    expect(Buffer.byteLength(html)).toBeLessThan(2_500);
    expect(html).toContain('demandez-le-lui');
  });
});

describe('the limiter’s key', () => {
  it('IPv4 as is (also mapped into IPv6), IPv6 by its /64, anything else one shared key', () => {
    expect(addressKey('198.51.100.7')).toBe('track:198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('track:198.51.100.7');
    expect(addressKey('2001:db8:7:1::1')).toBe('track:2001:db8:7:1::/64');
    expect(addressKey('2001:0db8:0007:0001:ffff:1:2:3')).toBe('track:2001:db8:7:1::/64');
    expect(addressKey('2001:db8::1')).toBe('track:2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('track:0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('track:fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::198.51.100.7')).toBe('track:64:ff9b:0:0::/64');
    expect(addressKey('::ffff:abcd:1')).toBe('track:0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('track:unknown');
    expect(addressKey('not an address')).toBe('track:unknown');
  });
});
