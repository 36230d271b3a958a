/** The dispatcher's pure parts: its checks, the tracking link, WhatsApp's window and variables, the e-mail, TWILIO_CONTENT_SIDS. */
import { describe, expect, it } from 'vitest';
import { insideWhatsAppWindow, sendRefusal, withTrackingLink, WHATSAPP_WINDOW_MS, type SendFacts, type StoredClient } from './sendChecks.js';
import { templateVariables, whatsappTemplate } from './whatsappContent.js';
import { emailContent } from './emailContent.js';
import { loadConfig } from '../config.js';
import { parseContentSids } from '../providers/settings.js';

const aicha: StoredClient = { phone: '+2290197000001', whatsapp: '+2290196000001', email: 'aicha@example.bj', preferredChannel: 'sms', messagesOptOut: false, deletedAt: null };
const facts = (over: Partial<SendFacts> = {}, message: Partial<SendFacts['message']> = {}): SendFacts => ({
  message: { clientId: 'c', channel: 'sms', to: aicha.phone!, kind: 'order_ready', ...message },
  client: aicha,
  suspended: false,
  providerAvailable: true,
  ...over,
});

describe('sendRefusal', () => {
  it('lets a message to one of the client’s own addresses through', () => {
    expect(sendRefusal(facts())).toBeNull();
    expect(sendRefusal(facts({}, { to: aicha.whatsapp! }))).toBeNull(); // SMS to the WhatsApp number: still hers
    expect(sendRefusal(facts({}, { channel: 'email', to: 'AICHA@example.bj' }))).toBeNull();
  });

  it('refuses, in the order a tailor fixes things: suspended, no client, not her address, opted out, no provider', () => {
    expect(sendRefusal(facts({ suspended: true, client: null }))).toBe('suspended');
    expect(sendRefusal(facts({ client: null }))).toBe('clientMissing');
    expect(sendRefusal(facts({ client: { ...aicha, deletedAt: '2026-01-01T00:00:00.000Z' } }))).toBe('clientMissing');
    expect(sendRefusal(facts({}, { to: '+2290197999999' }))).toBe('notClientAddress');
    expect(sendRefusal(facts({}, { channel: 'email', to: aicha.phone! }))).toBe('notClientAddress');
    expect(sendRefusal(facts({}, { channel: 'sms', to: aicha.email! }))).toBe('notClientAddress');
    expect(sendRefusal(facts({ client: { ...aicha, messagesOptOut: true } }))).toBe('optedOut');
    expect(sendRefusal(facts({ providerAvailable: false }))).toBe('noProvider');
  });

  it('sends the workshop’s own (custom) message to a client who opted out of automatic ones', () => {
    const optedOut = { ...aicha, messagesOptOut: true };
    for (const kind of ['order_created', 'order_ready', 'fitting_reminder', 'balance_due', 'order_delivered'] as const) {
      expect(sendRefusal(facts({ client: optedOut }, { kind }))).toBe('optedOut');
    }
    expect(sendRefusal(facts({ client: optedOut }, { kind: 'custom' }))).toBeNull();
  });
});

describe('WhatsApp’s 24-hour window', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');
  it('is open for 24 hours after the client last wrote, closed without a message or after', () => {
    expect(insideWhatsAppWindow(null, now)).toBe(false);
    expect(insideWhatsAppWindow(new Date(now.getTime() - 60_000), now)).toBe(true);
    expect(insideWhatsAppWindow(new Date(now.getTime() - WHATSAPP_WINDOW_MS + 1_000), now)).toBe(true);
    expect(insideWhatsAppWindow(new Date(now.getTime() - WHATSAPP_WINDOW_MS), now)).toBe(false);
  });

  it('gives every template the same variables, on one line each, leaving out what the hub does not know', () => {
    expect(templateVariables({ clientName: ' Aïcha\n  Dossou ', workshopName: 'Atelier\tSika', orderNumber: null, link: null })).toEqual({ '1': 'Aïcha Dossou', '2': 'Atelier Sika' });
    expect(whatsappTemplate({ order_ready: 'HX1' }, 'balance_due', { clientName: 'A', workshopName: 'B', orderNumber: 'A-1', link: null })).toBeNull();
    expect(whatsappTemplate(undefined, 'order_ready', { clientName: 'A', workshopName: 'B', orderNumber: 'A-1', link: null })).toBeNull();
    expect(whatsappTemplate({ order_ready: 'HX1' }, 'order_ready', { clientName: 'A', workshopName: 'B', orderNumber: 'A-1', link: 'https://s/t/x' })).toEqual({
      contentSid: 'HX1',
      variables: { '1': 'A', '2': 'B', '3': 'A-1', '4': 'https://s/t/x' },
    });
  });
});

describe('the tracking link', () => {
  it('replaces every {lien} when the order has a token, and leaves the body alone otherwise', () => {
    expect(withTrackingLink('Suivi : {lien} ({lien})', 'https://styliste.bj/t/AbC')).toBe('Suivi : https://styliste.bj/t/AbC (https://styliste.bj/t/AbC)');
    expect(withTrackingLink('Suivi : {lien}', null)).toBe('Suivi : {lien}');
    expect(withTrackingLink('Sans lien', 'https://styliste.bj/t/AbC')).toBe('Sans lien');
  });
});

describe('the e-mail', () => {
  it('escapes the text into simple HTML with its links, and names the workshop in the subject', () => {
    const mail = emailContent('Bonjour <b>Aïcha</b> & co,\nligne 2\n\nVoir https://styliste.bj/t/AbC?x=1&y=2.', 'order_ready', 'Atelier "Sika"\r\nBcc: x@y');
    expect(mail.subject).toBe('Commande prête — Atelier "Sika" Bcc: x@y');
    expect(mail.html).toContain('<p>Bonjour &lt;b&gt;Aïcha&lt;/b&gt; &amp; co,<br>ligne 2</p>');
    expect(mail.html).toContain('<a href="https://styliste.bj/t/AbC?x=1&amp;y=2">https://styliste.bj/t/AbC?x=1&amp;y=2</a>.');
    expect(mail.html).not.toMatch(/<b>|<script/);
    expect(mail.text).toBe('Bonjour <b>Aïcha</b> & co,\nligne 2\n\nVoir https://styliste.bj/t/AbC?x=1&y=2.\n\n— Atelier "Sika"\r\nBcc: x@y\n');
    expect(emailContent('Salut', 'custom', 'Sika').subject).toBe('Message de Sika');
  });
});

describe('TWILIO_CONTENT_SIDS', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz', TWILIO_ACCOUNT_SID: 'AC0123456789abcdef', TWILIO_AUTH_TOKEN: 't', TWILIO_WHATSAPP_FROM: '+2290190000000' };
  const sid = `HX${'0'.repeat(32)}`;

  it('reads kind → approved template into the Twilio settings; none without it', () => {
    expect(loadConfig({ ...base, TWILIO_CONTENT_SIDS: JSON.stringify({ order_ready: sid }) }).providers.twilio?.contentSids).toEqual({ order_ready: sid });
    expect(loadConfig(base).providers.twilio?.contentSids).toEqual({});
  });

  it('refuses what is not an object of known kinds and Content SIDs, and the name without Twilio', () => {
    expect(parseContentSids('[]')).toMatch(/objet JSON/);
    expect(parseContentSids('{nope')).toMatch(/objet JSON/);
    expect(parseContentSids(JSON.stringify({ birthday: sid }))).toMatch(/type de message inconnu « birthday »/);
    expect(parseContentSids(JSON.stringify({ order_ready: 'HX12' }))).toMatch(/Content SID/);
    expect(() => loadConfig({ ...base, TWILIO_CONTENT_SIDS: '{"order_ready": 3}' })).toThrow(/Content SID/);
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: base.JWT_SECRET, TWILIO_CONTENT_SIDS: JSON.stringify({ order_ready: sid }) })).toThrow(/TWILIO_CONTENT_SIDS/);
  });
});
