/**
 * Limits at the hub: invitations past the plan's members (seats = members + open invitations),
 * under the free plan's limits once suspended, one seat never taken twice by invitations at once;
 * the portfolio and directory guards for issue 11 with usage numbers; and suspension, which
 * stops a queued message with its reason while the workshop's device keeps syncing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { beninPhone } from '../auth/authTesting.js';
import { DEFAULT_PLANS, FREE_PLAN_ID } from '../../shared/billing/plans.js';
import type { SubscriptionState } from '../../shared/billing/lifecycle.js';
import { clientRow, orderRow } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import { startDispatchServer, Shop, type DispatchServer } from '../notifications/dispatchTesting.js';
import { startClockedServer, type ClockedServer } from './lifecycleTesting.js';
import { readSubscription, saveSubscription } from './subscriptionsSql.js';
import { assertDirectoryAllowed, assertPortfolioPhotoAllowed, directoryAllowed, directoryListingAllowed, portfolioPhotosFit, seatFits } from './limitsGuard.js';
import type { CloudContext } from '../context.js';

const plan = (id: string) => DEFAULT_PLANS.find((p) => p.id === id)!;

/** A status written the one way a subscription is written (saveSubscription), as the sweep or a payment would. */
async function setState(ctx: CloudContext, workshopId: string, change: Partial<SubscriptionState>): Promise<void> {
  const { plans } = await ctx.services.billing.catalogue.read();
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    const state = (await readSubscription(tx, workshopId, { forUpdate: true }))!;
    await saveSubscription(ctx.services.serverWrites, tx, workshopId, { ...state, ...change }, plans, ctx.now());
  });
}

describe('invitations and the plan’s members', () => {
  let c: ClockedServer;
  let shop: FixtureWorkshop;
  let phone = 100;
  const invite = (s: FixtureWorkshop, number = beninPhone((phone += 1))) =>
    fetch(`${c.server.url}/api/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.tokenFor(s.owner)}` },
      body: JSON.stringify({ phone: number, name: 'Invitée', role: 'staff' }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string; message: string } } }));

  beforeAll(async () => {
    c = await startClockedServer('2036-12-03T15:00:00.000Z');
    shop = await createFixtureWorkshop(c.server.ctx, 'Couture Équipe');
  }, 60_000);
  afterAll(async () => {
    await c?.close();
  });

  it('the trial’s plan allows 5 seats: members and open invitations count; the sixth is refused in French', async () => {
    expect(plan('atelier').limits.members).toBe(5);
    await shop.addMember('staff', 'Rachidi');
    await shop.addMember('viewer', 'Grâce');
    const replaced = beninPhone(9);
    expect((await invite(shop, replaced)).status).toBe(201);
    expect((await invite(shop)).status).toBe(201); // 5 seats: owner, 2 members, 2 invitations
    const refused = await invite(shop);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'plan_limit_members', message: 'Votre formule permet 5 membres dans l’équipe : changez de formule pour en inviter davantage.' });
    // Inviting the same number again replaces its invitation: it takes no new seat.
    expect((await invite(shop, replaced)).status).toBe(201);
    const [open] = await c.server.ctx.db.system((tx) => rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM invites WHERE workshop_id = ${shop.workshopId} AND accepted_at IS NULL AND expires_at > ${c.now().toISOString()}`));
    expect(Number(open!.n)).toBe(2);
  });

  it('two invitations at once for the last seat: exactly one is made', async () => {
    const other = await createFixtureWorkshop(c.server.ctx, 'Couture Course');
    await setState(c.server.ctx, other.workshopId, { status: 'active', planId: 'solo', cycle: 'monthly', periodStart: c.now().toISOString(), currentPeriodEnd: '2037-01-04T23:00:00.000Z', trialEndsAt: null });
    const answers = await Promise.all(Array.from({ length: 4 }, () => invite(other)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 403, 403, 403]);
  });

  it('suspended: the free plan’s single seat, so no invitation; the members stay', async () => {
    const other = await createFixtureWorkshop(c.server.ctx, 'Couture Suspendue');
    await other.addMember('staff', 'Koffi');
    await setState(c.server.ctx, other.workshopId, { status: 'suspended' });
    const refused = await invite(other);
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'plan_limit_owner_only', message: 'Votre formule ne permet que le propriétaire dans l’équipe : changez de formule pour inviter quelqu’un.' } },
    });
    const [members] = await c.server.ctx.db.system((tx) => rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM members WHERE workshop_id = ${other.workshopId} AND deleted_at IS NULL`));
    expect(Number(members!.n)).toBe(2);
  });

  it('an invitation sent before the plan shrank: accepting it waits, the invitation kept, until the plan has room', async () => {
    const other = await createFixtureWorkshop(c.server.ctx, 'Couture Rétrécie');
    const number = beninPhone((phone += 1));
    const sent = (await invite(other, number)) as { status: number; body: { code?: string } };
    expect(sent.status).toBe(201);
    const accept = () =>
      fetch(`${c.server.url}/api/invites/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: sent.body.code, phone: number, password: 'invitee-2036-solide', name: 'Invitée' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string; message: string }; accessToken?: string } }));
    await setState(c.server.ctx, other.workshopId, { status: 'suspended' });
    const refused = await accept();
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'plan_limit_accept' } } });
    expect(refused.body.error!.message).toContain('le propriétaire doit changer de formule');
    await setState(c.server.ctx, other.workshopId, { status: 'trial' });
    const accepted = await accept();
    expect(accepted.status).toBe(200);
    expect(accepted.body.accessToken).toEqual(expect.any(String));
  });
});

describe('portfolio and directory guards (issue 11), with usage numbers', () => {
  it('the pure rules', () => {
    expect(portfolioPhotosFit(plan('solo').limits, 29)).toBe(true);
    expect(portfolioPhotosFit(plan('solo').limits, 30)).toBe(false);
    expect(portfolioPhotosFit(plan('solo').limits, 25, 5)).toBe(true);
    expect(portfolioPhotosFit(plan('solo').limits, 25, 6)).toBe(false);
    expect(portfolioPhotosFit(plan(FREE_PLAN_ID).limits, 6)).toBe(false);
    expect(seatFits(plan('solo').limits, 1)).toBe(true);
    expect(seatFits(plan('solo').limits, 2)).toBe(false);
    expect(directoryListingAllowed('active', plan('solo').limits)).toBe(true);
    expect(directoryListingAllowed('past_due', plan('solo').limits)).toBe(true);
    expect(directoryListingAllowed('suspended', plan('solo').limits)).toBe(false);
    expect(directoryListingAllowed('active', plan(FREE_PLAN_ID).limits)).toBe(false);
  });

  it('at the hub, from the stored subscription', async () => {
    const c = await startClockedServer('2036-12-03T15:00:00.000Z');
    try {
      const shop = await createFixtureWorkshop(c.server.ctx, 'Couture Portfolio');
      const db = c.server.ctx.db;
      const inShop = <T>(work: Parameters<typeof db.withWorkshop<T>>[1]) => db.withWorkshop(shop.workshopId, work);
      // Trial: Atelier's 100 photos and the directory.
      await inShop((tx) => assertPortfolioPhotoAllowed(tx, shop.workshopId, 99, 'fr'));
      await expect(inShop((tx) => assertPortfolioPhotoAllowed(tx, shop.workshopId, 100, 'fr'))).rejects.toMatchObject({
        status: 403,
        code: 'plan_limit_portfolio',
        message: 'Votre formule permet 100 photos dans le portfolio (il y en a 100) : retirez-en ou changez de formule.',
      });
      expect(await inShop((tx) => directoryAllowed(tx, shop.workshopId))).toBe(true);
      // Suspended: the free plan's 6 photos, no directory.
      await setState(c.server.ctx, shop.workshopId, { status: 'suspended' });
      await inShop((tx) => assertPortfolioPhotoAllowed(tx, shop.workshopId, 5, 'fr'));
      await expect(inShop((tx) => assertPortfolioPhotoAllowed(tx, shop.workshopId, 6, 'fr'))).rejects.toMatchObject({ code: 'plan_limit_portfolio' });
      expect(await inShop((tx) => directoryAllowed(tx, shop.workshopId))).toBe(false);
      await expect(inShop((tx) => assertDirectoryAllowed(tx, shop.workshopId, 'fr'))).rejects.toMatchObject({ status: 403, code: 'plan_limit_directory' });
    } finally {
      await c.close();
    }
  }, 60_000);
});

describe('suspension stops the paid services, nothing else', () => {
  let server: DispatchServer;
  beforeAll(async () => {
    server = await startDispatchServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('a suspended workshop’s queued message fails with its reason, uncharged; its device pushes an order and pulls it back', async () => {
    const shop = await Shop.open(server, 50, 'Couture Arrêtée');
    const client = await shop.client();
    await setState(server.ctx, shop.workshopId, { status: 'suspended' });
    const { messageId, answer } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Votre tenue est prête.'));
    expect(answer.rejected).toEqual([]);
    const settled = await shop.settled(messageId);
    expect(settled).toMatchObject({ status: 'failed', failureReason: 'Votre atelier est suspendu : aucun message ne part tant que l’abonnement n’est pas réglé.' });
    expect(await shop.balance()).toBe(50);
    expect(server.at.sent.filter((m) => JSON.stringify(m).includes(client.phone.slice(4)))).toEqual([]);
    // The device keeps working: an order pushed is accepted, and another device pulls it.
    const orderId = newId();
    const pushed = await shop.device.sync([shop.device.mutation('clients', newId(), clientRow('Nouvelle cliente')), shop.device.mutation('orders', orderId, orderRow(client.clientId, 'S-1', 15_000))]);
    expect(pushed.rejected).toEqual([]);
    const { RawDevice } = await import('../testing/rawSync.js');
    const second = new RawDevice(server.url, shop.fixture.owner.token);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const page = await second.sync();
      for (const change of page.changes) seen.add(`${change.table}/${change.rowId}`);
      if (!page.more) break;
    }
    expect(seen.has(`orders/${orderId}`)).toBe(true);
    expect(seen.has(`subscription/${shop.workshopId}`)).toBe(true);
  }, 60_000);
});
