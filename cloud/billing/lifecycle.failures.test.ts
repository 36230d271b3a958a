/**
 * The sweep when things go wrong: a workshop whose synced row cannot be written fails its batch,
 * the others of the batch are written alone (through the server writer) and the broken one is
 * left due for the next sweep, nothing of it half-written; a notice whose owner cannot be reached
 * is recorded with its reason, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { newId } from '../../shared/domain/ids.js';
import { localMidnight } from '../../shared/billing/periods.js';
import { PullingDevice, startClockedServer, type ClockedServer } from './lifecycleTesting.js';

const TZ = 'Africa/Porto-Novo';
const SIGNUP = '2036-12-03T15:00:00.000Z';
const TRIAL_END = localMidnight('2036-12-17', TZ);

let c: ClockedServer;
beforeAll(async () => {
  c = await startClockedServer(SIGNUP);
}, 60_000);
afterAll(async () => {
  await c?.close();
});

describe('a batch that fails', () => {
  it('its good workshops are written alone, the broken one stays due and unchanged', async () => {
    const shops = [];
    for (let i = 0; i < 4; i++) shops.push(await createFixtureWorkshop(c.server.ctx, `Couture Panne ${i}`));
    const broken = shops[2]!;
    // The broken workshop's synced row now claims to be another workshop's (as a bad restore would leave it).
    await c.server.ctx.db.system((tx) => tx.execute(sql`UPDATE subscription SET workshop_id = ${newId()} WHERE id = ${broken.workshopId}`));
    c.at(TRIAL_END);
    const swept = await c.sweep({ batchSize: 10 });
    expect(swept).toMatchObject({ checked: 3, failedWorkshops: 1, transitions: { 'trial>past_due': 3 } });
    for (const shop of shops.filter((s) => s !== broken)) {
      expect((await c.state(shop.workshopId)).status).toBe('past_due');
      expect(await new PullingDevice(c.server.url, shop).subscription()).toMatchObject({ status: 'past_due' });
    }
    // Nothing of the broken one was written: still a trial, still due, no notice recorded.
    expect((await c.state(broken.workshopId)).status).toBe('trial');
    expect(await c.notices(broken.workshopId)).toEqual([]);
    const [due] = await c.server.ctx.db.system((tx) => rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM subscriptions WHERE workshop_id = ${broken.workshopId} AND next_check_at <= ${TRIAL_END}`));
    expect(Number(due!.n)).toBe(1);
    // Repaired, the next sweep takes it.
    await c.server.ctx.db.system((tx) => tx.execute(sql`UPDATE subscription SET workshop_id = ${broken.workshopId} WHERE id = ${broken.workshopId}`));
    expect(await c.sweep()).toMatchObject({ checked: 1, failedWorkshops: 0, transitions: { 'trial>past_due': 1 } });
    expect(await new PullingDevice(c.server.url, broken).subscription()).toMatchObject({ status: 'past_due' });
  }, 60_000);
});

describe('a notice nobody can receive', () => {
  it('is recorded with its reason, and not tried again', async () => {
    c.at(SIGNUP);
    const shop = await createFixtureWorkshop(c.server.ctx, 'Couture Sans Patron');
    // The owner's member row removed (an owner who left): there is no one to tell.
    await c.server.ctx.db.system((tx) => tx.execute(sql`UPDATE members SET user_id = NULL WHERE workshop_id = ${shop.workshopId}`));
    c.at(localMidnight('2036-12-14', TZ));
    expect(await c.sweep()).toMatchObject({ notices: 1, noticesSent: 0, noticesFailed: 1 });
    expect(await c.notices(shop.workshopId)).toEqual([{ key: `trial_ending:${TRIAL_END}`, kind: 'trial_ending', channel: null, failure_reason: 'no_owner_contact' }]);
    c.at(localMidnight('2036-12-15', TZ));
    expect(await c.sweep()).toMatchObject({ notices: 0 });
  }, 60_000);
});

describe('a sweep that stopped between recording a notice and sending it', () => {
  it('the next sweep, 15 minutes on, sends it once, its text rebuilt from its key', async () => {
    c.at(SIGNUP);
    const shop = await createFixtureWorkshop(c.server.ctx, 'Couture Interrompue');
    c.at(TRIAL_END);
    // What the stopped sweep committed: the transition and the notice's row, nothing sent.
    await c.server.ctx.db.system(async (tx) => {
      await tx.execute(sql`UPDATE subscriptions SET status = 'past_due', grace_ends_at = ${localMidnight('2036-12-24', TZ)}, next_check_at = ${localMidnight('2036-12-24', TZ)} WHERE workshop_id = ${shop.workshopId}`);
      await tx.execute(sql`INSERT INTO billing_notices (workshop_id, key, kind, created_at) VALUES (${shop.workshopId}, ${`past_due:${TRIAL_END}`}, 'past_due', ${TRIAL_END})`);
    });
    c.at(new Date(Date.parse(TRIAL_END) + 10 * 60_000));
    await c.sweep();
    expect(await c.sms('« Couture Interrompue »')).toEqual([]);
    c.at(new Date(Date.parse(TRIAL_END) + 20 * 60_000));
    await c.sweep();
    const sms = await c.sms('« Couture Interrompue »');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain('d’ici le 23/12/2036');
    expect(await c.notices(shop.workshopId)).toEqual([{ key: `past_due:${TRIAL_END}`, kind: 'past_due', channel: 'outbox', failure_reason: null }]);
    await c.sweep();
    expect(await c.sms('« Couture Interrompue »')).toHaveLength(1);
  }, 60_000);
});

