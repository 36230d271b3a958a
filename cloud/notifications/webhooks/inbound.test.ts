/**
 * WhatsApp's incoming messages through Twilio's webhook, signed by the SDK: the sender's number
 * and the time are kept (`whatsapp_inbound`, the latest wins), answered with TwiML that sends
 * nothing back; the client's text, name and media are stored nowhere and logged nowhere; a
 * forged or unsigned one opens no window; a status callback is not an incoming message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { lastWhatsAppInbound, recordWhatsAppInbound } from './reportsSql.js';
import { EMPTY_TWIML } from './schemas.js';
import { grantCredits, headOf, postTwilio, sendMessage, startWebhookServer, twilioInboundFields, twilioStatusFields, type WebhookServer } from './webhooksTesting.js';

let server: WebhookServer;
let shop: FixtureWorkshop;
const logLines: string[] = [];
let clock = Date.parse('2026-11-25T09:00:00.000Z');

beforeAll(async () => {
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  server = await startWebhookServer({ LOG_LEVEL: 'debug' }, { logger, now: () => new Date(clock) });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Fenêtre');
  await grantCredits(server.ctx, shop.workshopId, 10);
});

afterAll(async () => {
  await server?.close();
});

const windowOf = (phone: string) => server.ctx.db.system((tx) => lastWhatsAppInbound(tx, phone));
const SECRET_TEXT = 'Mon code secret est 4242 et je passe vendredi chez la couturière';

describe('incoming WhatsApp messages', () => {
  it('open the window: the number and the time only, answered with empty TwiML', async () => {
    const phone = '+2290197400001';
    const head = await headOf(server.ctx, shop.workshopId);
    const reply = await postTwilio(server, twilioInboundFields(phone, SECRET_TEXT));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await reply.text()).toBe(EMPTY_TWIML);
    expect((await windowOf(phone))?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    // Nothing synced was written (no change for any device), and the table has the number and the time only.
    expect(await headOf(server.ctx, shop.workshopId)).toBe(head);
    const columns = await server.ctx.db.system((tx) =>
      rows<{ column_name: string }>(tx, sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'whatsapp_inbound' ORDER BY column_name`),
    );
    expect(columns.map((c) => c.column_name)).toEqual(['last_at', 'phone']);
  });

  it('keep the latest time: a later message moves the window, a delayed older one does not', async () => {
    const phone = '+2290197400002';
    clock = Date.parse('2026-11-25T10:00:00.000Z');
    await postTwilio(server, twilioInboundFields(phone, 'Bonjour'));
    clock = Date.parse('2026-11-26T08:30:00.000Z');
    expect((await postTwilio(server, twilioInboundFields(phone, 'Encore moi'))).status).toBe(200);
    expect((await windowOf(phone))?.toISOString()).toBe('2026-11-26T08:30:00.000Z');
    await server.ctx.db.system((tx) => recordWhatsAppInbound(tx, phone, new Date('2026-11-25T11:00:00.000Z')));
    expect((await windowOf(phone))?.toISOString()).toBe('2026-11-26T08:30:00.000Z');
    // Ten at once from one number: one row, no error.
    const answers = await Promise.all(Array.from({ length: 10 }, () => postTwilio(server, twilioInboundFields(phone, 'vite'))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const [count] = await server.ctx.db.system((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM whatsapp_inbound WHERE phone = ${phone}`));
    expect(count!.n).toBe(1);
  });

  it('a 4,000-character message with accents and emoji is accepted; its text is kept nowhere', async () => {
    const phone = '+2290197400003';
    const long = `${SECRET_TEXT} ${'é😀'.repeat(1_300)}`.slice(0, 4_000);
    expect((await postTwilio(server, { ...twilioInboundFields(phone, long), NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1', MediaContentType0: 'image/jpeg' })).status).toBe(200);
    expect(await windowOf(phone)).not.toBeNull();
    const logs = logLines.join('\n');
    expect(logs, 'the requests were logged').toContain('/api/webhooks/twilio');
    expect(logs).not.toContain('Mon code secret');
    expect(logs).not.toContain('4242');
    expect(logs).not.toContain('2290197400003');
    expect(logs).not.toContain('Aïcha');
    // No table holds the text: look for it in every text column of the database.
    const textColumns = await server.ctx.db.system((tx) =>
      rows<{ table_name: string; column_name: string }>(
        tx,
        sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'character varying')`,
      ),
    );
    for (const { table_name, column_name } of textColumns) {
      const [hit] = await server.ctx.db.system((tx) =>
        rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE ${sql.identifier(column_name)}::text LIKE ${'%code secret%'}`),
      );
      expect(hit!.n, `${table_name}.${column_name}`).toBe(0);
    }
  });

  it('forged, unsigned or from a plain number: no window', async () => {
    const phone = '+2290197400004';
    expect((await postTwilio(server, twilioInboundFields(phone, 'x'), { authToken: 'forged-token' })).status).toBe(403);
    expect((await postTwilio(server, twilioInboundFields(phone, 'x'), { signature: null })).status).toBe(401);
    expect((await postTwilio(server, { ...twilioInboundFields(phone, 'x'), From: phone })).status).toBe(400);
    expect((await postTwilio(server, { ...twilioInboundFields(phone, 'x'), From: 'whatsapp:+229 01 97' })).status).toBe(400);
    expect(await windowOf(phone)).toBeNull();
  });

  it('a status callback is not an incoming message: no window for its recipient', async () => {
    const m = await sendMessage(server.ctx, shop.workshopId, { channel: 'whatsapp', to: '+2290197400005' });
    const fields = { ...twilioStatusFields(m.providerId, 'delivered', m.to), From: `whatsapp:${m.to}` };
    expect((await postTwilio(server, fields)).status).toBe(200);
    expect(await windowOf(m.to)).toBeNull();
  });
});
