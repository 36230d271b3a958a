/** Who a message goes to: the client's addresses, the workshop's setting, the client's wish. */
import { describe, expect, it } from 'vitest';
import { autoRecipient, clientAddress, isClientAddress, templateValues, type ClientAddresses } from './recipients.js';
import { AUTO_CHANNELS, type AutoChannel } from './messageOptions.js';

const PHONE = '+2290197000001';
const WA = '+2290196000002';
const MAIL = 'aicha@example.bj';

function client(fields: Partial<ClientAddresses>): ClientAddresses {
  return { phone: null, whatsapp: null, email: null, preferredChannel: null, messagesOptOut: false, ...fields };
}

const CLIENTS = {
  everything: client({ phone: PHONE, whatsapp: WA, email: MAIL }),
  phoneOnly: client({ phone: PHONE }),
  whatsappOnly: client({ whatsapp: WA }),
  emailOnly: client({ email: MAIL }),
  nothing: client({}),
  prefersWhatsapp: client({ phone: PHONE, whatsapp: WA, preferredChannel: 'whatsapp' }),
  prefersEmail: client({ phone: PHONE, email: MAIL, preferredChannel: 'email' }),
  prefersEmailWithout: client({ phone: PHONE, preferredChannel: 'email' }),
  prefersCalls: client({ phone: PHONE, email: MAIL, preferredChannel: 'call' }),
  optedOut: client({ phone: PHONE, whatsapp: WA, email: MAIL, preferredChannel: 'sms', messagesOptOut: true }),
} as const;

type Expected = Record<AutoChannel, string | null>;

/** `channel:to`, or null for no message: the whole matrix, setting × client. */
const MATRIX: Record<keyof typeof CLIENTS, Expected> = {
  everything: { off: null, preferred: `sms:${PHONE}`, sms: `sms:${PHONE}`, whatsapp: `whatsapp:${WA}`, email: `email:${MAIL}` },
  phoneOnly: { off: null, preferred: `sms:${PHONE}`, sms: `sms:${PHONE}`, whatsapp: `whatsapp:${PHONE}`, email: null },
  whatsappOnly: { off: null, preferred: `sms:${WA}`, sms: `sms:${WA}`, whatsapp: `whatsapp:${WA}`, email: null },
  emailOnly: { off: null, preferred: `email:${MAIL}`, sms: null, whatsapp: null, email: `email:${MAIL}` },
  nothing: { off: null, preferred: null, sms: null, whatsapp: null, email: null },
  prefersWhatsapp: { off: null, preferred: `whatsapp:${WA}`, sms: `sms:${PHONE}`, whatsapp: `whatsapp:${WA}`, email: null },
  prefersEmail: { off: null, preferred: `email:${MAIL}`, sms: `sms:${PHONE}`, whatsapp: `whatsapp:${PHONE}`, email: `email:${MAIL}` },
  prefersEmailWithout: { off: null, preferred: `sms:${PHONE}`, sms: `sms:${PHONE}`, whatsapp: `whatsapp:${PHONE}`, email: null },
  prefersCalls: { off: null, preferred: `sms:${PHONE}`, sms: `sms:${PHONE}`, whatsapp: `whatsapp:${PHONE}`, email: `email:${MAIL}` },
  optedOut: { off: null, preferred: null, sms: null, whatsapp: null, email: null },
};

describe('autoRecipient', () => {
  const cases = Object.entries(MATRIX).flatMap(([name, row]) => AUTO_CHANNELS.map((setting) => ({ name, setting, expected: row[setting] })));

  it.each(cases)('$name, setting $setting → $expected', ({ name, setting, expected }) => {
    const recipient = autoRecipient(setting, CLIENTS[name as keyof typeof CLIENTS]);
    expect(recipient ? `${recipient.channel}:${recipient.to}` : null).toBe(expected);
  });

  it('covers every setting', () => {
    expect(cases).toHaveLength(Object.keys(CLIENTS).length * AUTO_CHANNELS.length);
  });
});

describe('the client\'s addresses', () => {
  it('SMS to the phone, else the WhatsApp number; WhatsApp the other way round; e-mail to the address', () => {
    expect(clientAddress(CLIENTS.everything, 'sms')).toBe(PHONE);
    expect(clientAddress(CLIENTS.everything, 'whatsapp')).toBe(WA);
    expect(clientAddress(CLIENTS.whatsappOnly, 'sms')).toBe(WA);
    expect(clientAddress(CLIENTS.emailOnly, 'sms')).toBeNull();
  });

  it('knows the client\'s own numbers and address, and nothing else', () => {
    expect(isClientAddress(CLIENTS.everything, 'sms', WA)).toBe(true);
    expect(isClientAddress(CLIENTS.everything, 'email', 'AICHA@example.bj')).toBe(true);
    expect(isClientAddress(CLIENTS.everything, 'sms', '+2290197000009')).toBe(false);
    expect(isClientAddress(CLIENTS.everything, 'email', PHONE)).toBe(false);
    expect(isClientAddress(CLIENTS.nothing, 'email', 'x@y.z')).toBe(false);
  });
});

describe('templateValues', () => {
  it('says dates, times and amounts as a French client reads them', () => {
    expect(templateValues({ clientName: 'Afi', workshopName: 'Chez Afi', orderNumber: 'A-7', day: '2026-12-08', time: '09:05', balance: 12_500, link: 'https://s.example/t/x' })).toEqual({
      client: 'Afi',
      atelier: 'Chez Afi',
      numero: 'A-7',
      date: 'mardi 8 décembre',
      heure: '09h05',
      solde: '12\u202f500 FCFA',
      lien: 'https://s.example/t/x',
    });
  });

  it('gives no value for what it does not know (a balance of 0 is a value)', () => {
    expect(templateValues({ clientName: 'Afi', workshopName: 'Chez Afi', balance: 0 })).toEqual({ client: 'Afi', atelier: 'Chez Afi', solde: '0 FCFA' });
  });
});
