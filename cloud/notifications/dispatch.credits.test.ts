/**
 * Credits: 50 messages at once for a workshop with 20 credits send exactly 20 (the others fail
 * with the French reason, never sent), the balance never goes below zero; signup grants the
 * trial's credits in its own transaction; GET /api/messages/credits shows a member the balance
 * and the latest 50 entries of their own workshop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Shop, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { addCredits } from './credits.js';
import { creditsResponse } from './schemas.js';
import { rows } from '../db/client.js';
import { TRIAL_CREDITS } from '../../shared/messaging/messageOptions.js';

let server: DispatchServer;

beforeAll(async () => {
  server = await startDispatchServer();
});

afterAll(async () => {
  await server?.close();
});

async function getCredits(token: string | null): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/messages/credits`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

describe('credits under concurrency', () => {
  it('sends exactly 20 of 50 messages pushed at once with 20 credits; the balance never goes below zero', async () => {
    const shop = await Shop.open(server, 20, 'Atelier Vingt');
    const clients = await Promise.all(Array.from({ length: 5 }, () => shop.client()));
    const mutations = Array.from({ length: 50 }, (_, i) => {
      const client = clients[i % clients.length]!;
      return shop.device.mutation('messages', crypto.randomUUID(), shop.messageFields(client.clientId, 'sms', client.phone, `Message numéro ${i}`));
    });
    const answer = await shop.device.sync(mutations);
    expect(answer.acked).toHaveLength(50);
    const settled = [...(await shop.allSettled(mutations.map((m) => m.rowId))).values()];
    const sent = settled.filter((m) => m.status === 'sent');
    const failed = settled.filter((m) => m.status === 'failed');
    expect(sent).toHaveLength(20);
    expect(failed).toHaveLength(30);
    for (const message of failed) expect(message.failureReason).toBe('Crédits SMS épuisés : ce message demande 1 crédit(s), il en reste 0. Rechargez vos crédits puis renvoyez-le.');
    const phones = new Set(clients.map((c) => c.phone));
    expect(server.at.sent.filter((m) => phones.has(m.to))).toHaveLength(20);
    expect(await shop.balance()).toBe(0);
    // In the order the entries were written (under the workshop's credits lock), every running sum is ≥ 0.
    const ledger = await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
      rows<{ amount: number }>(tx, sql`SELECT amount FROM credit_ledger WHERE workshop_id = ${shop.workshopId} ORDER BY id`),
    );
    let running = 0;
    for (const { amount } of ledger) {
      running += Number(amount);
      expect(running).toBeGreaterThanOrEqual(0);
    }
    expect(ledger.filter((e) => Number(e.amount) < 0)).toHaveLength(20);
  }, 60_000);
});

describe('GET /api/messages/credits', () => {
  it('gives a new workshop the trial’s credits at signup', async () => {
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshopName: 'Couture Adjoua', ownerName: 'Adjoua', phone: '+2290197112233', password: 'un mot de passe solide' }),
    });
    expect(signup.status).toBe(201);
    const { accessToken } = (await signup.json()) as { accessToken: string };
    const answer = await getCredits(accessToken);
    expect(answer.status).toBe(200);
    const body = creditsResponse.parse(answer.body);
    expect(body.balance).toBe(TRIAL_CREDITS);
    expect(body.entries).toEqual([{ kind: 'grant', amount: TRIAL_CREDITS, createdAt: expect.any(String) }]);
  });

  it('shows a member their own workshop’s balance and latest 50 entries, newest first', async () => {
    const shop = await Shop.open(server, 0, 'Atelier Registre');
    for (let i = 1; i <= 60; i++) await server.ctx.db.withWorkshop(shop.workshopId, (tx) => addCredits(tx, shop.workshopId, 'purchase', i, `pack-${i}`));
    const client = await shop.client();
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Bonjour'));
    await shop.settled(messageId);
    const viewer = await shop.fixture.addMember('viewer');
    const answer = await getCredits(viewer.token);
    expect(answer.status).toBe(200);
    const body = creditsResponse.parse(answer.body);
    expect(body.balance).toBe((60 * 61) / 2 - 1);
    expect(body.entries).toHaveLength(50);
    expect(body.entries[0]).toMatchObject({ kind: 'message', amount: -1 });
    expect(body.entries.slice(1, 3).map((e) => e.amount)).toEqual([60, 59]);
    const neighbour = await Shop.open(server, 7, 'Atelier Voisin');
    expect(creditsResponse.parse((await getCredits(neighbour.fixture.owner.token)).body)).toMatchObject({ balance: 7, entries: [{ kind: 'grant', amount: 7 }] });
  });

  it('answers 401 without a token', async () => {
    const answer = await getCredits(null);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: expect.any(String) } });
  });
});
