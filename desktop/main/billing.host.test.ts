/**
 * Billing through the desktop host, end to end under Node: a real HostService over the desktop's
 * ports (SQLite file, encrypted session, leanFetch) against a real cloud whose FedaPay is the
 * loopback (the official SDK's wire format; its payment page sends the signed webhook). The
 * synced subscription row answers offline; a purchase opens only its own payment page, settles
 * by FedaPay's webhook, and the host syncs so the row says `active`; the payment and its PDF
 * receipt come back; hostile payloads, another workshop's ids and a staff member are refused.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostService } from '../../shared/host/hostService.js';
import type { ChannelResults } from '../../shared/host/channels.js';
import type { SubscriptionView } from '../../shared/engine/queries/subscriptionQueries.js';
import { DEFAULT_PLANS, FREE_PLAN_ID, TRIAL_PLAN_ID } from '../../shared/billing/plans.js';
import { TRIAL_CREDITS } from '../../shared/messaging/messageOptions.js';
import { createFixtureWorkshop } from '../../cloud/testing/fixtures.js';
import { setSubscription, startBillingServer, type BillingServer } from '../../e2e/billingServer.js';
import { tempDir } from '../sqlite/testing.js';
import { createNodePorts } from './nodePorts.js';
import { createLeanFetch } from './leanFetch.js';
import { aesEncryptor } from './testing.js';
import { paymentPageOpener } from './paymentPage.js';

const dir = tempDir('styliste-billing-host-');
const key = aesEncryptor();
const lean = createLeanFetch();
let server: BillingServer;
let network: 'up' | 'down' = 'up';
/** What the system's browser was given. */
const opened: string[] = [];

const netFetch: typeof fetch = async (input, init) => {
  if (network === 'down') throw new TypeError('fetch failed');
  return lean(input, init);
};

function host(dataDir: string, electron = true): HostService {
  mkdirSync(dataDir, { recursive: true });
  const ports = createNodePorts({ dataDir, serverUrl: server.url, deviceName: 'PC de l’atelier', encryptor: key, emit: () => undefined, fetch: netFetch });
  if (electron) ports.openExternal = paymentPageOpener(async (url) => void opened.push(url));
  return new HostService(ports);
}

const subscriptionRow = (service: HostService) => service.handle('engine.query', { name: 'subscription' }) as Promise<SubscriptionView | null>;

beforeAll(async () => {
  server = await startBillingServer();
}, 60_000);

afterAll(async () => {
  lean.close();
  await server?.close();
  dir.cleanup();
});

describe('billing through the desktop host', () => {
  let owner: HostService;
  let workshopId: string;
  let checkout: ChannelResults['billing.checkout'];

  it('the trial arrives by sync: the engine’s subscription query gives the row, the cloud its usage and credits', async () => {
    owner = host(join(dir.dir, 'owner'));
    await owner.init();
    const session = await owner.handle('session.signup', { workshopName: 'Atelier Payant', ownerName: 'Afiavi Kpadonou', phone: '01 97 41 00 01', password: 'un-mot-de-passe-2026' });
    workshopId = session.workshop.id;
    const row = await subscriptionRow(owner);
    const trial = DEFAULT_PLANS.find((p) => p.id === TRIAL_PLAN_ID)!;
    expect(row).toMatchObject({ workshopId, status: 'trial', planId: TRIAL_PLAN_ID, planName: trial.name, cycle: null, pendingPlanId: null, limits: trial.limits });
    expect(Date.parse(row!.trialEndsAt!) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    const live = await owner.handle('billing.subscription', {});
    expect(live).toMatchObject({ status: 'trial', credits: TRIAL_CREDITS, usage: { members: 1, portfolioPhotos: 0, directoryListed: false } });
    const plans = await owner.handle('billing.plans', {});
    expect(plans.live).toBe(true);
    expect(plans.plans.map((p) => [p.id, p.monthlyPrice, p.yearlyPrice])).toEqual(DEFAULT_PLANS.map((p) => [p.id, p.monthlyPrice, p.yearlyPrice]));
    expect(plans.packs.length).toBeGreaterThan(0);
  });

  it('suspended by the hub: the next sync brings it with the free plan’s limits; offline the row still answers', async () => {
    await setSubscription(server, workshopId, { status: 'suspended', trialEndsAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    await owner.handle('sync.now', {});
    const free = DEFAULT_PLANS.find((p) => p.id === FREE_PLAN_ID)!;
    expect(await subscriptionRow(owner)).toMatchObject({ status: 'suspended', limits: free.limits });

    network = 'down';
    expect(await subscriptionRow(owner)).toMatchObject({ status: 'suspended' });
    expect(await owner.handle('billing.subscription', {})).toBeNull();
    // The plans last read stand in, said as such.
    expect(await owner.handle('billing.plans', {})).toMatchObject({ live: false, plans: expect.arrayContaining([expect.objectContaining({ id: 'solo' })]) });
    await expect(owner.handle('billing.checkout', { planId: 'solo', cycle: 'monthly' })).rejects.toMatchObject({ code: 'offline' });
    network = 'up';
  });

  it('buys a plan: its payment page only goes to the system’s browser; FedaPay confirms; the host syncs: active', async () => {
    checkout = await owner.handle('billing.checkout', { planId: 'solo', cycle: 'monthly' });
    expect(checkout).toMatchObject({ kind: 'plan', amount: 2_500 });
    expect(checkout.url.startsWith(`${server.fedapay.url}/pay/`)).toBe(true);
    // The renderer is untrusted: it may not send the system's browser anywhere else.
    await expect(owner.handle('billing.openExternal', { url: 'https://example.com/phishing' })).rejects.toMatchObject({ code: 'unknown_page' });
    await expect(owner.handle('billing.openExternal', { url: `${checkout.url}#x` })).rejects.toMatchObject({ code: 'unknown_page' });
    expect(opened).toEqual([]);
    expect(await owner.handle('billing.openExternal', { url: checkout.url })).toBeNull();
    expect(opened).toEqual([checkout.url]);
    expect((await owner.handle('billing.checkoutStatus', { checkoutId: checkout.checkoutId })).status).toBe('pending');

    // The payer presses FedaPay's button: the webhook reaches the cloud, the page goes back to the return page.
    const paid = await fetch(checkout.url, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(302);
    expect(paid.headers.get('location')?.startsWith(checkout.returnUrl)).toBe(true);

    let status = await owner.handle('billing.checkoutStatus', { checkoutId: checkout.checkoutId });
    for (let i = 0; i < 50 && status.status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await owner.handle('billing.checkoutStatus', { checkoutId: checkout.checkoutId });
    }
    expect(status).toMatchObject({ status: 'paid', kind: 'plan', amount: 2_500 });
    // Settled: the host synced at once, the row is the paid one.
    expect(await subscriptionRow(owner)).toMatchObject({ status: 'active', planId: 'solo', cycle: 'monthly' });
  });

  it('the payment is in the history, and its receipt is a PDF', async () => {
    const { payments } = await owner.handle('billing.payments', {});
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ kind: 'plan', planId: 'solo', amount: 2_500 });
    const receipt = await owner.handle('billing.receipt', { paymentId: payments[0]!.id });
    expect(receipt.type).toBe('application/pdf');
    expect(new TextDecoder().decode(receipt.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(receipt.fileName).toMatch(/\.pdf$/);
    expect(receipt.fileName).not.toMatch(/[\\/]/);
  });

  it('cancels at the period’s end, then takes it back: the synced row says so each time; a dearer plan is paid, not changed', async () => {
    const period = (await subscriptionRow(owner))!.currentPeriodEnd!;
    const cancelled = await owner.handle('billing.cancel', {});
    expect(cancelled).toMatchObject({ status: 'active', planId: 'solo', pendingPlanId: FREE_PLAN_ID, effectiveAt: period });
    // The host synced: the row carries the change planned.
    expect(await subscriptionRow(owner)).toMatchObject({ status: 'active', planId: 'solo', pendingPlanId: FREE_PLAN_ID });
    expect(await owner.handle('billing.undoChange', {})).toMatchObject({ pendingPlanId: null });
    expect(await subscriptionRow(owner)).toMatchObject({ pendingPlanId: null });
    await expect(owner.handle('billing.change', { planId: 'maison', cycle: 'monthly' })).rejects.toMatchObject({ code: 'upgrade_is_paid' });
    await expect(owner.handle('billing.undoChange', {})).rejects.toMatchObject({ code: 'nothing_pending' });
  });

  it('hostile payloads are refused before anything runs', async () => {
    const refused = [
      ['billing.checkout', { planId: 'solo\u0000', cycle: 'monthly' }],
      ['billing.checkout', { planId: 'solo\ud800', cycle: 'monthly' }],
      ['billing.checkout', { planId: 'solo', cycle: 'weekly' }],
      ['billing.checkout', { planId: 'solo', cycle: 'monthly', amount: 1 }],
      ['billing.checkout', { planId: 'solo', cycle: 'monthly', packId: 'sms-100' }],
      ['billing.checkout', { packId: 'x'.repeat(100_000) }],
      ['billing.checkout', { packId: { nested: { deeper: [[[]]] } } }],
      ['billing.checkoutStatus', { checkoutId: '../../payments' }],
      ['billing.receipt', { paymentId: '00000000-0000-0000-0000-00000000000\u0000' }],
      ['billing.change', { planId: 'SOLO', cycle: 'monthly' }],
      ['billing.openExternal', { url: 'x'.repeat(5_000) }],
      ['billing.cancel', { workshopId: 'another' }],
    ] as const;
    for (const [channel, payload] of refused) {
      await expect(owner.handle(channel, payload as never), `${channel} ${JSON.stringify(payload).slice(0, 60)}`).rejects.toMatchObject({ code: 'invalid_input' });
    }
    await expect(owner.handle('billing.checkout', { packId: 'no-such-pack' })).rejects.toMatchObject({ code: 'unknown_pack' });
  });

  it('another workshop’s checkout and receipt are not found; a staff member reads but may not buy', async () => {
    const other = await createFixtureWorkshop(server.ctx, 'Autre atelier');
    const theirs = await fetch(`${server.url}/api/billing/checkout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.owner.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ packId: 'sms-100' }),
    });
    expect(theirs.status).toBe(201);
    const { checkoutId } = (await theirs.json()) as { checkoutId: string };
    await expect(owner.handle('billing.checkoutStatus', { checkoutId })).rejects.toMatchObject({ code: 'payment_not_found' });
    await expect(owner.handle('billing.receipt', { paymentId: checkoutId })).rejects.toMatchObject({ code: 'receipt_not_found' });

    const invite = await owner.handle('team.invite', { phone: '01 97 41 00 02', name: 'Rachidi Employé', role: 'staff' });
    const staff = host(join(dir.dir, 'staff'));
    await staff.init();
    await staff.handle('session.acceptInvite', { code: invite.code, phone: '01 97 41 00 02', password: 'un-autre-mot-de-passe-2026', name: 'Rachidi Employé' });
    expect(await subscriptionRow(staff)).toMatchObject({ status: 'active', planId: 'solo' });
    expect(await staff.handle('billing.subscription', {})).toMatchObject({ status: 'active' });
    await expect(staff.handle('billing.checkout', { planId: 'maison', cycle: 'yearly' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(staff.handle('billing.checkout', { packId: 'sms-100' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(staff.handle('billing.cancel', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(staff.handle('billing.change', { planId: 'solo', cycle: 'yearly' })).rejects.toMatchObject({ code: 'forbidden' });
    await staff.handle('session.logout', {});
  });

  it('the web host opens the tab itself: its host refuses to open pages', async () => {
    const web = host(join(dir.dir, 'web'), false);
    await web.init();
    await web.handle('session.login', { identifier: '01 97 41 00 01', password: 'un-mot-de-passe-2026' });
    const result = await web.handle('billing.checkout', { packId: 'sms-100' });
    await expect(web.handle('billing.openExternal', { url: result.url })).rejects.toMatchObject({ code: 'not_supported' });
    await web.handle('session.logout', {});
  });
});
