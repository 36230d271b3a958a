/**
 * Test support for the isolation tests (sync.isolation.test.ts through the protocol,
 * sync.rls.test.ts in SQL): a real server with two workshops filled by their own devices through
 * the engine, with rows in every workshop table, messages and the credits ledger included.
 */
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice } from '../testing/devices.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { newId } from '../../shared/domain/ids.js';
import { templateRowId } from '../../shared/messaging/templates.js';
import { addCredits } from '../notifications/credits.js';

export interface TwoWorkshops {
  server: TestServer;
  one: FixtureWorkshop;
  two: FixtureWorkshop;
  /** Workshop 2's rows, made by one of its devices through the engine. */
  theirs: { clientId: string; orderId: string; paymentId: string };
  close(): Promise<void>;
}

export async function openTwoWorkshops(): Promise<TwoWorkshops> {
  const dir = tempDir('styliste-isolation-');
  const server = await startTestServer();
  async function fillWorkshop(shop: FixtureWorkshop, code: string) {
    const device = await openTestDevice(`${dir.dir}/${code}.sqlite`, server.url, () => shop.owner.token);
    await device.join(shop.owner.memberId, code);
    const { engine } = device;
    const garment = await engine.execute('createGarmentType', { name: 'Robe', durationDays: 7, defaultPrice: 10_000, measurementFields: ['tour_taille'] });
    const client = await engine.execute('createClient', { name: `Cliente ${code}`, phone: '0197000101' });
    await engine.execute('recordMeasurements', { clientId: client.id, garmentTypeId: garment.id, values: { tour_taille: 80 } });
    const order = await engine.execute('createOrder', { clientId: client.id, garmentTypeId: garment.id, price: 20_000, deposit: { amount: 5_000 } });
    await engine.execute('scheduleFitting', { orderId: order.id, at: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    await writeMessageRows(shop, client.id, order.id);
    for (let i = 0; i < 60; i++) await engine.execute('createClient', { name: `Client ${code} numéro ${i}`, notes: 'Une note assez longue pour peser dans la réponse. '.repeat(3) });
    await device.client.sync();
    await engine.close();
    return { clientId: client.id, orderId: order.id, paymentId: order.paymentId! };
  }

  /** A message and a template of the workshop, written as the hub writes its own rows; and a credit grant. */
  async function writeMessageRows(shop: FixtureWorkshop, clientId: string, orderId: string) {
    await server.ctx.db.withWorkshop(shop.workshopId, async (tx) => {
      await server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, async (w) => {
        await w.write('messages', newId(), {
          clientId, orderId, channel: 'sms', to: '+2290197000101', body: 'Votre tenue est prête', kind: 'order_ready', status: 'queued',
          createdAt: new Date().toISOString(), createdBy: null, deletedAt: null,
          providerId: null, segments: null, credits: null, sentAt: null, deliveredAt: null, failureReason: null,
        });
        await w.write('message_templates', templateRowId(shop.workshopId, 'order_ready'), { kind: 'order_ready', channel: 'sms', body: 'Prête : {numero}' });
        await w.write('directory_profile', shop.workshopId, {
          published: false, name: 'Atelier', city: 'Cotonou', district: null, lat: 6.37, lng: 2.39, specialties: ['femme'],
          priceRange: 'standard', about: null, whatsapp: null, acceptsOrders: true, updatedAt: new Date().toISOString(),
        });
        await w.write('portfolio_items', newId(), { fileHash: 'cd'.repeat(32), caption: null, garmentTypeId: null, published: true, position: 0, createdAt: new Date().toISOString(), deletedAt: null });
      });
      // The public listing derived from them (listing, photo, slug), as a push leaves it.
      await server.ctx.services.directory.refresh(tx, shop.workshopId);
      await addCredits(tx, shop.workshopId, 'grant', 10, 'test');
      // A payment that took effect (billing): its checkout and its numbered receipt.
      const checkoutId = newId();
      await tx.execute(sql`INSERT INTO billing_checkouts (id, workshop_id, member_id, kind, pack_id, credits, amount, provider, transaction_id, return_token, status)
        VALUES (${checkoutId}, ${shop.workshopId}, ${shop.owner.memberId}, 'pack', 'sms-100', 100, 2000, 'fedapay', ${`tx-${shop.workshopId}`}, ${`rt-${shop.workshopId}`}, 'paid')`);
      await tx.execute(sql`INSERT INTO billing_payments (id, workshop_id, checkout_id, transaction_id, receipt_number, kind, pack_id, credits, amount, paid_at)
        VALUES (${newId()}, ${shop.workshopId}, ${checkoutId}, ${`tx-${shop.workshopId}`}, nextval('billing_receipt_number'), 'pack', 'sms-100', 100, 2000, now())`);
    });
  }

  const one = await createFixtureWorkshop(server.ctx, 'Atelier Un');
  const two = await createFixtureWorkshop(server.ctx, 'Atelier Deux');
  await fillWorkshop(one, 'A');
  const theirs = await fillWorkshop(two, 'B');
  for (const shop of [one, two]) {
    await server.ctx.db.system((tx) =>
      tx.execute(sql`INSERT INTO invites (id, workshop_id, phone, name, role, code_hash, created_by, expires_at)
        VALUES (${newId()}, ${shop.workshopId}, '+2290197000199', 'Invité', 'staff', 'hash', ${shop.owner.memberId}, now() + interval '1 day')`),
    );
    await server.ctx.db.system((tx) =>
      tx.execute(sql`INSERT INTO files (workshop_id, hash, size, kind) VALUES (${shop.workshopId}, ${'ab'.repeat(32)}, 10, 'photo')`),
    );
    // The directory's audience: a day's counts, a visitor counted, a report.
    await server.ctx.db.system(async (tx) => {
      await tx.execute(sql`INSERT INTO directory_daily_stats (workshop_id, day, views) VALUES (${shop.workshopId}, '2026-12-01', 3)`);
      await tx.execute(sql`INSERT INTO directory_visitors (day, workshop_id, kind, visitor_hash) VALUES ('2026-12-01', ${shop.workshopId}, 'view', 'h')`);
      await tx.execute(sql`INSERT INTO directory_reports (id, workshop_id, reason, visitor_hash) VALUES (${newId()}, ${shop.workshopId}, 'autre', 'h')`);
    });
  }
  return {
    server,
    one,
    two,
    theirs,
    async close() {
      await server.close();
      dir.cleanup();
    },
  };
}
