import { describe, expect, it } from 'vitest';
import { balanceReminderDue, effectiveTemplate, localDay, localTimeOfDay, reminderDay, reminderMessage, usesLink } from './reminderRules.js';
import { todayIn } from '../domain/calendar.js';
import type { ClientAddresses } from './recipients.js';

const aicha: ClientAddresses = { phone: '+2290197000101', whatsapp: null, email: 'aicha@example.bj', preferredChannel: null, messagesOptOut: false };
const facts = { clientName: 'Aïcha', workshopName: 'Atelier Ọlá', orderNumber: 'A-12', day: '2026-11-26', time: '14:30', balance: 12500, link: 'https://styliste.bj/t/AbCdEfGhIjKlMnOp' };

describe('when a workshop is reminded', () => {
  it('at its own morning: Tokyo at 16:30 is due, Abidjan at 07:30 is not yet, Cotonou at 08:30 is', () => {
    const now = new Date('2026-11-25T07:30:00Z');
    expect(reminderDay(now, 'Africa/Abidjan').due).toBe(false);
    expect(reminderDay(now, 'Africa/Porto-Novo').due).toBe(true);
    const tokyo = reminderDay(now, 'Asia/Tokyo');
    expect(tokyo).toEqual({
      timezone: 'Asia/Tokyo',
      due: true,
      today: '2026-11-25',
      tomorrow: '2026-11-26',
      tomorrowFrom: '2026-11-25T15:00:00.000Z',
      tomorrowUntil: '2026-11-26T15:00:00.000Z',
    });
    expect(reminderDay(new Date('2026-11-25T08:00:00Z'), 'Africa/Abidjan').due).toBe(true);
  });

  it('never at night: Tokyo at 20:00 and 03:00 is not due, nor Cotonou at 07:59', () => {
    expect(reminderDay(new Date('2026-11-25T11:00:00Z'), 'Asia/Tokyo').due).toBe(false);
    expect(reminderDay(new Date('2026-11-24T18:00:00Z'), 'Asia/Tokyo').due).toBe(false);
    expect(reminderDay(new Date('2026-11-25T06:59:59Z'), 'Africa/Porto-Novo').due).toBe(false);
  });

  it("knows tomorrow across a day change in UTC and a DST change (Europe/Paris, 2026-10-25 has 25 hours)", () => {
    const lateTokyo = reminderDay(new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo');
    expect(lateTokyo.today).toBe('2026-11-26');
    const paris = reminderDay(new Date('2026-10-24T08:00:00Z'), 'Europe/Paris');
    expect(paris.tomorrowFrom).toBe('2026-10-24T22:00:00.000Z');
    expect(paris.tomorrowUntil).toBe('2026-10-25T23:00:00.000Z');
  });

  it('reads the local day as todayIn does, in any zone', () => {
    for (const tz of ['Africa/Porto-Novo', 'Asia/Tokyo', 'America/St_Johns', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (let hour = 0; hour < 48; hour += 1) {
        const instant = new Date(Date.UTC(2026, 11, 31, hour, 30));
        expect(localDay(instant, tz)).toBe(todayIn(tz, instant));
      }
    }
  });

  it('reads a fitting time in the workshop zone', () => {
    expect(localTimeOfDay(new Date('2026-11-26T13:30:00Z'), 'Africa/Porto-Novo')).toBe('14:30');
    expect(localTimeOfDay(new Date('2026-11-26T13:30:00+09:00'), 'Asia/Tokyo')).toBe('13:30');
  });
});

describe('the balance reminder', () => {
  it('comes the morning N local days after the order became ready, not before', () => {
    const readyMonday = new Date('2026-11-23T15:00:00Z');
    expect(balanceReminderDue(readyMonday, 'Africa/Porto-Novo', '2026-11-25', 3)).toBe(false);
    expect(balanceReminderDue(readyMonday, 'Africa/Porto-Novo', '2026-11-26', 3)).toBe(true);
    expect(balanceReminderDue(readyMonday, 'Africa/Porto-Novo', '2026-11-30', 3)).toBe(true);
    // 23:30 on Monday in Cotonou is still Monday there (22:30 UTC).
    expect(balanceReminderDue(new Date('2026-11-23T22:30:00Z'), 'Africa/Porto-Novo', '2026-11-24', 1)).toBe(true);
    // 00:30 on Tuesday in Tokyo is Monday 15:30 UTC: counted from Tuesday.
    expect(balanceReminderDue(new Date('2026-11-23T15:30:00Z'), 'Asia/Tokyo', '2026-11-24', 1)).toBe(false);
  });
});

describe('the reminder text', () => {
  it('is the French default with the day and time, in GSM-7 for an SMS', () => {
    const message = reminderMessage({ kind: 'fitting_reminder', template: null, client: aicha, facts, gsm7: true });
    expect(message).toEqual({
      channel: 'sms',
      to: '+2290197000101',
      body: 'Bonjour Aicha, rappel : essayage demain jeudi 26 novembre à 14h30 chez Atelier Ola (commande A-12).',
    });
    const unicode = reminderMessage({ kind: 'fitting_reminder', template: null, client: aicha, facts, gsm7: false });
    expect(unicode!.body).toContain('Aïcha');
  });

  it('keeps accents in an e-mail, follows the workshop template and leaves no variable unfilled', () => {
    const template = { channel: 'email', body: 'Cher {client}, solde {solde} pour {numero}, heure {heure}. {lien}' };
    const message = reminderMessage({ kind: 'balance_due', template, client: aicha, facts: { ...facts, time: null }, gsm7: true });
    expect(message).toEqual({ channel: 'email', to: 'aicha@example.bj', body: `Cher Aïcha, solde 12\u202f500 FCFA pour A-12, heure . ${facts.link}` });
  });

  it('goes nowhere when the template is off, the client opted out or has no address for it', () => {
    expect(reminderMessage({ kind: 'balance_due', template: null, client: aicha, facts, gsm7: true })).toBeNull(); // off by default
    expect(reminderMessage({ kind: 'fitting_reminder', template: { channel: 'off', body: 'x' }, client: aicha, facts, gsm7: true })).toBeNull();
    expect(reminderMessage({ kind: 'fitting_reminder', template: null, client: { ...aicha, messagesOptOut: true }, facts, gsm7: true })).toBeNull();
    const noAddress = { phone: null, whatsapp: null, email: null, preferredChannel: 'sms', messagesOptOut: false };
    expect(reminderMessage({ kind: 'fitting_reminder', template: null, client: noAddress, facts, gsm7: true })).toBeNull();
    expect(reminderMessage({ kind: 'fitting_reminder', template: { channel: 'whatsapp', body: 'x' }, client: { ...aicha, phone: null }, facts, gsm7: true })).toBeNull();
    // A channel this version does not know: nothing rather than a guess.
    expect(effectiveTemplate('fitting_reminder', { channel: 'pigeon', body: 'x' }).channel).toBe('off');
  });

  it('says whether the link is needed', () => {
    expect(usesLink('balance_due', null)).toBe(true);
    expect(usesLink('fitting_reminder', null)).toBe(false);
    expect(usesLink('fitting_reminder', { channel: 'sms', body: 'Suivi {lien}' })).toBe(true);
  });
});
