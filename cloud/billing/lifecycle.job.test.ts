/**
 * The sweep as the cloud runs it: the job the 15-minute schedule enqueues (defined by
 * services.ts through registerBillingLifecycle), reading the time from the server's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { waitFor } from '../jobs/jobsTesting.js';
import { localMidnight } from '../../shared/billing/periods.js';
import { LIFECYCLE_JOB, LIFECYCLE_SCHEDULE } from './lifecycle/register.js';
import { startClockedServer, type ClockedServer } from './lifecycleTesting.js';

const TZ = 'Africa/Porto-Novo';
let c: ClockedServer;
beforeAll(async () => {
  c = await startClockedServer('2036-12-03T15:00:00.000Z');
}, 60_000);
afterAll(async () => {
  await c?.server.ctx.services.jobs.stop(1_000);
  await c?.close();
});

describe('the lifecycle job', () => {
  it('is scheduled every 15 minutes and sweeps as of the server’s clock', async () => {
    const shop = await createFixtureWorkshop(c.server.ctx, 'Couture Planifiée');
    const jobs = c.server.ctx.services.jobs;
    // Defined once by the composition root: adding it again is refused.
    expect(() => jobs.schedules.add(LIFECYCLE_SCHEDULE, '*/15 * * * *', LIFECYCLE_JOB)).toThrow(/added twice/);
    await jobs.start();
    c.at(localMidnight('2036-12-17', TZ));
    await jobs.queue.enqueue(LIFECYCLE_JOB, {});
    const state = await waitFor('past due', async () => {
      const s = await c.state(shop.workshopId);
      return s.status === 'past_due' ? s : undefined;
    }, 20_000);
    expect(state.graceEndsAt).toBe(localMidnight('2036-12-24', TZ));
  }, 60_000);
});
