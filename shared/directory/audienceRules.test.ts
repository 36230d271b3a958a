import { describe, expect, it } from 'vitest';
import { addDays, isCountable, isPrefetch, isRobot, localDay, statsWindow, whatsappUrl } from './audienceRules.js';

describe('audience rules', () => {
  it('tells robots, previews and scripts from phone browsers', () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; YandexBot/3.0)',
      'facebookexternalhit/1.1',
      'WhatsApp/2.23.20.0 A',
      'TelegramBot (like TwitterBot)',
      'Slurp',
      'Baiduspider',
      'curl/8.5.0',
      'Wget/1.21',
      'python-requests/2.31.0',
      'Mozilla/5.0 HeadlessChrome/120.0',
      '',
      '   ',
      undefined,
    ]) {
      expect(isRobot(ua), String(ua)).toBe(true);
    }
    for (const ua of [
      'Mozilla/5.0 (Linux; Android 12; TECNO KG5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0 Mobile Safari/537.36',
      'Opera/9.80 (J2ME/MIDP; Opera Mini/4.2; U; fr) Presto/2.8.119 Version/11.10',
    ]) {
      expect(isRobot(ua), ua).toBe(false);
    }
  });

  it('leaves prefetches out', () => {
    expect(isPrefetch('prefetch', undefined)).toBe(true);
    expect(isPrefetch(undefined, 'prefetch;prerender')).toBe(true);
    expect(isPrefetch(undefined, undefined)).toBe(false);
    expect(isCountable({ userAgent: 'Mozilla/5.0 (Linux; Android 12) Chrome/120.0 Mobile', secPurpose: 'prefetch' })).toBe(false);
    expect(isCountable({ userAgent: 'Mozilla/5.0 (Linux; Android 12) Chrome/120.0 Mobile' })).toBe(true);
  });

  it('days: the workshop’s local day, Porto-Novo’s for an unknown zone', () => {
    const lateUtc = Date.parse('2036-06-10T23:30:00Z');
    expect(localDay(lateUtc, 'Africa/Dakar')).toBe('2036-06-10');
    expect(localDay(lateUtc, 'Africa/Porto-Novo')).toBe('2036-06-11');
    expect(localDay(lateUtc, 'Nowhere/Atlantis')).toBe('2036-06-11');
    expect(localDay(lateUtc, null)).toBe('2036-06-11');
    expect(addDays('2036-03-01', -1)).toBe('2036-02-29');
    expect(addDays('2036-12-31', 1)).toBe('2037-01-01');
  });

  it('the statistics window: exactly n days ending today, zeros filled, totals', () => {
    const stats = statsWindow('2036-01-02', 4, [
      { day: '2036-01-01', views: 3, whatsappTaps: 1, callTaps: 0 },
      { day: '2035-12-01', views: 99, whatsappTaps: 0, callTaps: 0 },
    ]);
    expect(stats.days.map((d) => d.day)).toEqual(['2035-12-30', '2035-12-31', '2036-01-01', '2036-01-02']);
    expect(stats.days[2]).toEqual({ day: '2036-01-01', views: 3, whatsappTaps: 1, callTaps: 0 });
    expect(stats.totals).toEqual({ views: 3, whatsappTaps: 1, callTaps: 0 });
  });

  it('the WhatsApp link: the digits of an E.164 number and the message encoded', () => {
    expect(whatsappUrl('+2290197000101', 'Bonjour, l’atelier & co ?')).toBe(`https://wa.me/2290197000101?text=${encodeURIComponent('Bonjour, l’atelier & co ?')}`);
    expect(whatsappUrl('pas un numéro', 'x')).toBeNull();
    expect(whatsappUrl('+12', 'x')).toBeNull();
  });
});
