/**
 * The fitting reminders for real, on PGlite and (TEST_DATABASE_URL) Postgres: a sweep as of an
 * injected instant writes tomorrow's reminders as queued messages, exactly once whatever reruns,
 * later ticks or a second server do; each workshop at its own morning; nothing for those who
 * must get nothing; hostile rows change nothing for the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openCloudDb, rows, type CloudDb } from '../../db/client.js';
import { ServerWriter } from '../../sync/serverWrite.js';
import { HybridClock } from '../../../shared/sync/hlc.js';
import { fittingReminderId } from '../../../shared/messaging/templates.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { handedOver, reminderShop, sweepAt, type ReminderShop } from './remindersTesting.js';
import { sweepReminders } from './sweep.js';
import { trySweepLock } from './remindersSql.js';

let server: TestServer;
let second: { db: CloudDb; writer: ServerWriter } | null = null;

// Wednesday 25 November 2026, 10:00 in Cotonou (UTC+1): tomorrow is Thursday the 26th.
const NOW = '2026-11-25T09:00:00.000Z';

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  if (second && second.db !== server.ctx.db) await second.db.close();
  await server?.close();
});

/** Another server on the same database (PGlite: the same process and database, another writer). */
async function secondServer(): Promise<{ db: CloudDb; writer: ServerWriter }> {
  if (second) return second;
  const db = server.ctx.db.url ? await openCloudDb({ url: server.ctx.db.url, maxConnections: 6, syncStateCacheEntries: 0 }) : server.ctx.db;
  second = { db, writer: new ServerWriter(new HybridClock('00000000000000b2')) };
  return second;
}

describe('tomorrow’s fittings', () => {
  let shop: ReminderShop;
  let clientId: string;

  beforeAll(async () => {
    shop = await reminderShop(server.ctx, 'Atelier Cotonou', 'Africa/Porto-Novo');
    clientId = await shop.client();
  });

  it('one reminder in French with the day and time of Cotonou, queued, handed to the dispatcher', async () => {
    const orderId = await shop.order(clientId, { status: 'in_progress' });
    const fittingId = await shop.fitting(orderId, '2026-11-26T13:30:00.000Z');
    await shop.fitting(orderId, '2026-11-25T16:00:00.000Z'); // today
    await shop.fitting(orderId, '2026-11-26T23:30:00.000Z'); // Friday 00:30 in Cotonou
    const handed = handedOver();
    const result = await sweepAt(server.ctx, NOW, handed);
    expect(result).toMatchObject({ skipped: false, written: { fitting_reminder: 1, balance_due: 0 }, failedWorkshops: 0 });

    const messages = await shop.messages();
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({
      id: fittingReminderId(shop.workshopId, fittingId, '2026-11-26'),
      client_id: clientId,
      order_id: orderId,
      channel: 'sms',
      to: '+2290197000101',
      kind: 'fitting_reminder',
      status: 'queued',
      created_at: NOW,
      created_by: null,
    });
    expect(message!.body).toMatch(/^Bonjour Aicha Dossou, rappel : essayage demain jeudi 26 novembre à 14h30 chez Atelier Cotonou \(commande A-\d+\)\.$/);
    expect(handed.items).toEqual([{ workshopId: shop.workshopId, messageId: message!.id }]);
  });

  it('a rerun, a later tick of the same day and two servers at once write it never again', async () => {
    const before = await shop.messages();
    const handed = handedOver();
    const rerun = await sweepAt(server.ctx, NOW, handed);
    expect(rerun.written.fitting_reminder).toBe(0);
    expect(rerun.alreadyWritten).toBe(1);
    const later = await sweepAt(server.ctx, '2026-11-25T15:00:00.000Z', handed);
    expect(later.written.fitting_reminder).toBe(0);
    expect(await shop.messages()).toEqual(before);
    // Still queued: handed again under the same id (the job id is the message id, so it is sent once).
    expect(new Set(handed.items.map((i) => i.messageId))).toEqual(new Set(before.map((m) => m.id)));

    const orderId = await shop.order(clientId, { status: 'confirmed' });
    const fresh = [await shop.fitting(orderId, '2026-11-26T08:00:00.000Z'), await shop.fitting(orderId, '2026-11-26T17:15:00+01:00')];
    const other = await secondServer();
    const results = await Promise.all([
      sweepAt(server.ctx, NOW, handed),
      sweepReminders({ db: other.db, writer: other.writer, publicUrl: server.ctx.config.publicUrl, enqueue: handed.enqueue, logger: server.ctx.logger }, new Date(NOW)),
      sweepAt(server.ctx, NOW, handed),
    ]);
    expect(results.reduce((n, r) => n + r.written.fitting_reminder, 0)).toBe(2);
    const ids = (await shop.messages()).map((m) => m.id);
    expect(ids).toHaveLength(3);
    for (const fittingId of fresh) expect(ids).toContain(fittingReminderId(shop.workshopId, fittingId, '2026-11-26'));
    const bodies = (await shop.messages()).map((m) => m.body);
    expect(bodies.some((b) => b.includes('à 09h00'))).toBe(true);
    expect(bodies.some((b) => b.includes('à 17h15'))).toBe(true);
  });

  it('two sweeps that both read before either writes (as if the advisory lock were lost): the check under the workshop lock writes it once', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Course', 'Africa/Porto-Novo');
    const fittingId = await shop.fitting(await shop.order(await shop.client()), '2026-11-26T10:00:00.000Z');
    const other = await secondServer();
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const reads = [0, 0];
    const done = [0, 0];
    // The same databases, without the advisory lock (as on PGlite). A sweep's first two transactions read
    // (time zones, then its page of candidates); every later one (its writes) waits until both sweeps have read.
    const gated = (db: CloudDb, lane: number): CloudDb => ({
      ...db,
      kind: 'pglite',
      system: async (work) => {
        const call = ++reads[lane]!;
        if (call > 2) await bothRead;
        const result = await db.system(work);
        if (++done[lane]! >= 2 && done.every((n) => n >= 2)) release();
        return result;
      },
    });
    const deps = (db: CloudDb, writer: ServerWriter, lane: number) => ({ db: gated(db, lane), writer, publicUrl: server.ctx.config.publicUrl, enqueue: async () => undefined, logger: server.ctx.logger });
    const [a, b] = await Promise.all([
      sweepReminders(deps(server.ctx.db, server.ctx.services.serverWrites, 0), new Date(NOW)),
      sweepReminders(deps(other.db, other.writer, 1), new Date(NOW)),
    ]);
    const id = fittingReminderId(shop.workshopId, fittingId, '2026-11-26');
    expect((await shop.messages()).map((m) => m.id)).toEqual([id]);
    // Both planned it; one wrote it, the other found it under the workshop's lock and wrote nothing: one change.
    expect(a.written.fitting_reminder + b.written.fitting_reminder).toBeGreaterThanOrEqual(1);
    const changes = await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM change_log WHERE row_id = ${id}`));
    expect(changes[0]!.n).toBe(1);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('on Postgres, a sweep gives up at once while another holds the sweep lock', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Verrou', 'Africa/Porto-Novo');
    await shop.fitting(await shop.order(await shop.client()), '2026-11-26T10:00:00.000Z');
    const other = await secondServer();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = other.db.system(async (tx) => {
      expect(await trySweepLock(tx)).toBe(true);
      locked();
      await held;
    });
    await lockTaken;
    const blocked = await sweepAt(server.ctx, NOW, handedOver());
    release();
    await holder;
    expect(blocked).toMatchObject({ skipped: true, workshops: 0 });
    expect(await shop.messages()).toHaveLength(0);
    expect((await sweepAt(server.ctx, NOW, handedOver())).skipped).toBe(false);
    expect(await shop.messages()).toHaveLength(1);
  });

  it('a fitting moved to another day is reminded again for its new day', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Report', 'Africa/Porto-Novo');
    const orderId = await shop.order(await shop.client(), { status: 'fitting' });
    const fittingId = await shop.fitting(orderId, '2026-11-26T10:00:00.000Z');
    await sweepAt(server.ctx, NOW, handedOver());
    await shop.row('fittings', fittingId, { at: '2026-11-27T10:00:00.000Z' });
    await sweepAt(server.ctx, '2026-11-26T08:00:00.000Z', handedOver());
    const ids = (await shop.messages()).map((m) => m.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(fittingReminderId(shop.workshopId, fittingId, '2026-11-26'));
    expect(ids).toContain(fittingReminderId(shop.workshopId, fittingId, '2026-11-27'));
  });
});

describe('each workshop at its own morning', () => {
  it('Tokyo at 16:30 is swept while Abidjan at 07:30 is not, and Abidjan at 08:00 is', async () => {
    const abidjan = await reminderShop(server.ctx, 'Atelier Plateau', 'Africa/Abidjan');
    const tokyo = await reminderShop(server.ctx, 'Atelier Shibuya', 'Asia/Tokyo');
    const a = await abidjan.order(await abidjan.client({ phone: '+2250701020304' }));
    await abidjan.fitting(a, '2026-11-26T10:00:00.000Z');
    const t = await tokyo.order(await tokyo.client({ phone: '+819012345678' }));
    await tokyo.fitting(t, '2026-11-26T10:00:00+09:00'); // Thursday 10:00 in Tokyo, Wednesday 01:00 UTC
    await tokyo.fitting(t, '2026-11-26T20:00:00.000Z'); // Friday 05:00 in Tokyo

    await sweepAt(server.ctx, '2026-11-25T07:30:00.000Z', handedOver());
    expect(await abidjan.messages()).toHaveLength(0);
    const [reminder, ...more] = await tokyo.messages();
    expect(more).toHaveLength(0);
    expect(reminder!.body).toContain('essayage demain jeudi 26 novembre à 10h00 chez Atelier Shibuya');

    await sweepAt(server.ctx, '2026-11-25T08:00:00.000Z', handedOver());
    const [fromAbidjan] = await abidjan.messages();
    expect(fromAbidjan!.body).toContain('essayage demain jeudi 26 novembre à 10h00 chez Atelier Plateau');
    expect(await tokyo.messages()).toHaveLength(1);
  });

  it('nothing at night: Cotonou at 05:00 and at 21:00', async () => {
    const night = await reminderShop(server.ctx, 'Atelier Nuit', 'Africa/Porto-Novo');
    const orderId = await night.order(await night.client());
    await night.fitting(orderId, '2026-11-26T10:00:00.000Z');
    await night.fitting(orderId, '2026-11-27T10:00:00.000Z');
    await sweepAt(server.ctx, '2026-11-25T04:00:00.000Z', handedOver());
    await sweepAt(server.ctx, '2026-11-25T20:00:00.000Z', handedOver());
    expect(await night.messages()).toHaveLength(0);
  });
});

describe('who gets nothing', () => {
  it('opted out, no address, deleted or done fittings, cancelled, delivered or deleted orders, deleted clients, the template off', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Refus', 'Africa/Porto-Novo');
    const at = '2026-11-26T10:00:00.000Z';
    const control = await shop.fitting(await shop.order(await shop.client()), at);
    await shop.fitting(await shop.order(await shop.client({ messagesOptOut: true })), at);
    await shop.fitting(await shop.order(await shop.client({ phone: null, whatsapp: null, email: null, preferredChannel: 'sms' })), at);
    await shop.fitting(await shop.order(await shop.client({ deletedAt: '2026-11-20T10:00:00.000Z' })), at);
    const live = await shop.client({ phone: '+2290197000202' });
    await shop.fitting(await shop.order(live), at, { deletedAt: '2026-11-24T10:00:00.000Z' });
    await shop.fitting(await shop.order(live), at, { status: 'done' });
    await shop.fitting(await shop.order(live), at, { status: 'missed' });
    await shop.fitting(await shop.order(live, { status: 'cancelled' }), at);
    await shop.fitting(await shop.order(live, { status: 'delivered' }), at);
    await shop.fitting(await shop.order(live, { deletedAt: '2026-11-24T10:00:00.000Z' }), at);

    const off = await reminderShop(server.ctx, 'Atelier Silence', 'Africa/Porto-Novo');
    await off.template('fitting_reminder', 'off', 'Bonjour {client}');
    await off.fitting(await off.order(await off.client()), at);

    await sweepAt(server.ctx, NOW, handedOver());
    expect((await shop.messages()).map((m) => m.id)).toEqual([fittingReminderId(shop.workshopId, control, '2026-11-26')]);
    expect(await off.messages()).toHaveLength(0);
  });

  it('an e-mail-only client is reminded by e-mail with accents; WhatsApp when the workshop says so', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Épée', 'Africa/Porto-Novo', { smsGsm7: true });
    await shop.fitting(await shop.order(await shop.client({ phone: null, email: 'aicha@example.bj' })), '2026-11-26T10:00:00.000Z');
    await sweepAt(server.ctx, NOW, handedOver());
    const [email] = await shop.messages();
    expect(email).toMatchObject({ channel: 'email', to: 'aicha@example.bj' });
    expect(email!.body).toContain('Aïcha Dossou');
    expect(email!.body).toContain('Atelier Épée');

    const wa = await reminderShop(server.ctx, 'Atelier WhatsApp', 'Africa/Porto-Novo');
    await wa.template('fitting_reminder', 'whatsapp', '{client} : essayage {date} à {heure}.');
    await wa.fitting(await wa.order(await wa.client({ whatsapp: '+2290196000303' })), '2026-11-26T10:00:00.000Z');
    await sweepAt(server.ctx, NOW, handedOver());
    expect(await wa.messages()).toMatchObject([{ channel: 'whatsapp', to: '+2290196000303', body: 'Aïcha Dossou : essayage jeudi 26 novembre à 11h00.' }]);
  });
});

describe('hostile rows', () => {
  it('another workshop’s order id, a template too long once filled, an id taken elsewhere and a workshop that cannot be written change nothing for the rest', async () => {
    const victim = await reminderShop(server.ctx, 'Atelier Victime', 'Africa/Porto-Novo');
    const attacker = await reminderShop(server.ctx, 'Atelier Pirate', 'Africa/Porto-Novo');
    const at = '2026-11-26T10:00:00.000Z';
    const victimOrder = await victim.order(await victim.client());
    const kept = await victim.fitting(victimOrder, at);
    const squatted = await victim.fitting(victimOrder, '2026-11-26T12:00:00.000Z');
    // A fitting of the attacker's pointing at the victim's order: never the victim's client.
    await attacker.fitting(victimOrder, at);
    // A message of the attacker's with the id the victim's reminder will have.
    const attackerClient = await attacker.client({ phone: '+2290197000909' });
    await attacker.row('messages', fittingReminderId(victim.workshopId, squatted, '2026-11-26'), {
      clientId: attackerClient, orderId: null, channel: 'sms', to: '+2290197000909', body: 'squat', kind: 'custom', status: 'manual',
      createdAt: NOW, createdBy: null, deletedAt: null,
    });
    const long = await reminderShop(server.ctx, 'Atelier Bavard', 'Africa/Porto-Novo');
    await long.template('fitting_reminder', 'sms', '{client}'.repeat(200));
    await long.fitting(await long.order(await long.client()), at);

    // A workshop whose write fails for real (its sync state is gone): the others of its batch are written alone.
    const broken = await reminderShop(server.ctx, 'Atelier Cassé', 'Africa/Porto-Novo');
    await broken.fitting(await broken.order(await broken.client()), at);
    await server.ctx.db.system((tx) => tx.execute(sql`DELETE FROM workshop_sync WHERE workshop_id = ${broken.workshopId}`));

    const result = await sweepAt(server.ctx, NOW, handedOver(), { batchSize: 1000 });
    expect(result.failedWorkshops).toBe(1);
    expect(result.refused).toBe(1);
    expect(await broken.messages()).toHaveLength(0);
    expect((await victim.messages()).map((m) => m.id)).toEqual([fittingReminderId(victim.workshopId, kept, '2026-11-26')]);
    expect((await attacker.messages()).map((m) => m.body)).toEqual(['squat']);
    expect(await long.messages()).toHaveLength(0);
  });
});
