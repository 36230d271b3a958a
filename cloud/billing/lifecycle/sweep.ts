/**
 * The lifecycle sweep (DESIGN "Subscriptions"): every subscription whose `next_check_at` has come
 * is taken in a batch, its due transitions applied one by one (trial → past_due, active →
 * past_due or cancelled, past_due → suspended: shared/billing/lifecycle.ts `dueTransition`), its
 * "ends soon" reminder and its months' SMS credits granted, its next check computed, and the new
 * state saved: the table in one statement for the batch, and the synced `subscription` rows of
 * the workshops whose state changed in four more (subscriptionRows.ts, the hub write's rules), so
 * their devices learn it by sync.
 *
 * Once, whatever happens:
 * - the batch's rows are claimed `FOR UPDATE SKIP LOCKED` (two instances, or two lanes, share the
 *   work and never hold the same row); the update is a compare-and-set on the status read under
 *   that lock, and the new `next_check_at` is after `now`, so a rerun finds nothing to do;
 * - a notice is written once per key (`billing_notices`), a month's credits once per key
 *   (`credit_ledger.grant_key`), in the batch's transaction;
 * - a batch that fails commits nothing: its workshops are tried again alone, and one that fails
 *   alone is left for the next sweep (logged). A sweep that dies mid-way leaves the batches not
 *   committed due: the next one takes them.
 *
 * A cheaper plan asked for the period's end is re-checked against the workshop's use then: still
 * over its limits, the change waits (the current plan stays, past due, nothing removed) and the
 * owner is told why (`change_postponed`). A cancel always takes effect: the free plan's limits
 * apply to what is added next, nothing is deleted.
 */
import type { Logger } from 'pino';
import { enterWorkshop, type CloudDb, type Tx } from '../../db/client.js';
import { lockSequences } from '../../db/sequenceLock.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { Providers } from '../../providers/providers.js';
import type { Catalogue } from '../catalogue.js';
import { FREE_PLAN_ID, type Plan } from '../../../shared/billing/plans.js';
import { dueMonthlyGrants, dueReminder, dueTransition, nextCheckAt, type DueNotice, type SubscriptionState } from '../../../shared/billing/lifecycle.js';
import { excessMessage, limitExcesses } from '../../../shared/billing/limits.js';
import { graceEnd, localDate } from '../../../shared/billing/periods.js';
import { subscriptionRowFields } from '../subscriptionsSql.js';
import { writeSubscriptionRows } from './subscriptionRows.js';
import type { HybridClock } from '../../../shared/sync/hlc.js';
import { workshopUsage } from '../usageSql.js';
import { sendNotices, type PlannedNotice } from '../notices.js';
import { claimDue, grantMonthlyCredits, ownerContacts, recordNoticeOutcomes, recordNotices, takeStaleNotices, updateSubscriptions, type ClaimedSubscription, type MonthlyGrant, type OwnerContact } from './sweepSql.js';

export interface LifecycleSweepDeps {
  db: CloudDb;
  writer: ServerWriter;
  /** The hub's clock (the server writer's): it stamps the batched synced rows. */
  clock: HybridClock;
  providers: Providers;
  catalogue: Catalogue;
  logger: Logger;
}

export interface LifecycleSweepOptions {
  /** Subscriptions claimed and written in one transaction (default 200). */
  batchSize?: number;
  /** Batches at once (default 4 on Postgres, 1 on PGlite). */
  concurrency?: number;
  /** Stops after this many batches (a bounded run; the rest stays due for the next). */
  maxBatches?: number;
}

export interface LifecycleSweepResult {
  /** Subscriptions looked at (due at `now`). */
  checked: number;
  /** Transitions made, by "from>to". */
  transitions: Record<string, number>;
  /** Workshops whose synced row was written. */
  synced: number;
  /** Notices recorded (new keys), sent (a provider or the outbox took them), failed. */
  notices: number;
  noticesSent: number;
  noticesFailed: number;
  /** Month grants written (new keys). */
  grants: number;
  /** Changes at the period's end that wait (the workshop still over the new plan's limits). */
  postponed: number;
  batches: number;
  failedWorkshops: number;
  ms: number;
  /**
   * Where the time went, summed over the lanes: the batches' transactions, the notices' sending;
   * and when the last batch committed (every transition made; notices may still be on their way).
   */
  phases: { writeMs: number; sendMs: number; committedMs: number };
}

/** What one transaction did (counted once it commits). */
interface Tally {
  checked: number;
  transitions: string[];
  postponed: number;
  notices: number;
  grants: number;
  synced: number;
}

interface Written {
  notices: PlannedNotice[];
  owners: Map<string, OwnerContact>;
  /** Null once already counted (the workshops written alone). */
  tally: Tally | null;
}

interface Planned {
  claimed: ClaimedSubscription;
  state: SubscriptionState;
  changed: boolean;
  transitions: string[];
  notices: PlannedNotice[];
  grants: MonthlyGrant[];
  nextCheckAt: string | null;
}

const MAX_STEPS = 8;
/** A notice recorded this long ago without an outcome was interrupted (a send takes seconds). */
const STALE_NOTICE_MS = 15 * 60_000;
/** Batches whose notices may be in flight at once (each sends 8 at a time). */
const MAX_BATCHES_SENDING = 16;

/** A local day as the owner reads it (dd/mm/yyyy): the last day before `end` (a local midnight). */
function lastDayBefore(end: string, timeZone: string): string {
  const [y, m, d] = localDate(new Date(Date.parse(end) - 1), timeZone).split('-');
  return `${d}/${m}/${y}`;
}

export async function sweepLifecycle(deps: LifecycleSweepDeps, now: Date, options: LifecycleSweepOptions = {}): Promise<LifecycleSweepResult> {
  const started = performance.now();
  const result: LifecycleSweepResult = { checked: 0, transitions: {}, synced: 0, notices: 0, noticesSent: 0, noticesFailed: 0, grants: 0, postponed: 0, batches: 0, failedWorkshops: 0, ms: 0, phases: { writeMs: 0, sendMs: 0, committedMs: 0 } };
  const { plans } = await deps.catalogue.read();
  const sweep = new Sweep(deps, plans, now, options, result);
  await sweep.run();
  result.ms = Math.round(performance.now() - started);
  return result;
}

class Sweep {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private batchesLeft: number;
  /** Workshops that failed alone in this run: not claimed again by it. */
  private readonly failed = new Set<string>();
  /** Batches' notices being sent. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly deps: LifecycleSweepDeps,
    private readonly plans: readonly Plan[],
    private readonly now: Date,
    options: LifecycleSweepOptions,
    private readonly result: LifecycleSweepResult,
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.concurrency = options.concurrency ?? (deps.db.kind === 'postgres' ? 4 : 1);
    this.batchesLeft = options.maxBatches ?? Number.POSITIVE_INFINITY;
  }

  async run(): Promise<void> {
    await this.resendInterrupted();
    const lane = async () => {
      while (this.batchesLeft > 0) {
        this.batchesLeft--;
        if (!(await this.batch())) return;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: this.concurrency }, lane));
    this.result.phases.committedMs = Math.round(performance.now() - started);
    while (this.sending.size > 0) await Promise.all([...this.sending]);
  }

  /** One batch: false once nothing is due. */
  private async batch(): Promise<boolean> {
    let claimedIds: string[] = [];
    let outcome: Written | null;
    const t0 = performance.now();
    try {
      outcome = await this.deps.db.system(async (tx) => {
        const claimed = await claimDue(tx, this.now, this.batchSize, [...this.failed]);
        claimedIds = claimed.map((c) => c.workshopId);
        if (claimed.length === 0) return null;
        return this.write(tx, claimed);
      });
    } catch (error) {
      if (claimedIds.length === 0) throw error;
      // Nothing of the batch is committed: each workshop again, alone.
      this.deps.logger.warn({ workshops: claimedIds.length, err: error }, 'lifecycle: a batch failed, its workshops are written alone');
      const notices: PlannedNotice[] = [];
      const owners: Written['owners'] = new Map();
      for (const id of claimedIds) {
        try {
          const alone = await this.deps.db.system(async (tx) => {
            const claimed = await claimDue(tx, this.now, 1, [...this.failed], id);
            return claimed.length === 0 ? null : this.write(tx, claimed, true);
          });
          if (alone) {
            if (alone.tally) this.count(alone.tally);
            notices.push(...alone.notices);
            for (const [k, v] of alone.owners) owners.set(k, v);
          }
        } catch (aloneError) {
          this.failed.add(id);
          this.result.failedWorkshops++;
          this.deps.logger.error({ workshopId: id, err: aloneError }, 'lifecycle: a subscription could not be swept');
        }
      }
      outcome = { notices, owners, tally: null };
    }
    this.result.phases.writeMs += performance.now() - t0;
    if (outcome === null) return false;
    if (outcome.tally) this.count(outcome.tally);
    this.result.batches++;
    if (outcome.notices.length > 0) {
      // Sent while the lane goes on with the next batch (at most a few batches' notices in flight).
      const sending = this.send(outcome.notices, outcome.owners).finally(() => this.sending.delete(sending));
      this.sending.add(sending);
      while (this.sending.size > MAX_BATCHES_SENDING) await Promise.race(this.sending);
    }
    return true;
  }

  /**
   * Notices an earlier sweep recorded but never reported sending (it stopped in between), at
   * least STALE_NOTICE_MS old: sent again once, their text rebuilt from their key (the instant it
   * names) and the subscription's plan and zone. A postponed change's reason cannot be rebuilt:
   * it stays `interrupted` (the app shows the state from the synced row).
   */
  private async resendInterrupted(): Promise<void> {
    const before = new Date(this.now.getTime() - STALE_NOTICE_MS);
    const stale = await this.deps.db.system((tx) => takeStaleNotices(tx, before, 1000));
    if (stale.length === 0) return;
    const planName = (id: string) => this.plans.find((p) => p.id === id)?.name ?? id;
    const notices: PlannedNotice[] = [];
    for (const n of stale) {
      const instant = n.key.slice(n.kind.length + 1);
      if (n.key !== `${n.kind}:${instant}` || Number.isNaN(Date.parse(instant))) continue;
      const tz = n.timezone;
      const base = { workshopId: n.workshopId, key: n.key };
      if (n.kind === 'trial_ending' || n.kind === 'period_ending') notices.push({ ...base, kind: n.kind, params: { lastDay: lastDayBefore(instant, tz), plan: planName(n.planId) } });
      else if (n.kind === 'past_due') notices.push({ ...base, kind: 'past_due', params: { graceDay: lastDayBefore(graceEnd(instant, tz), tz) } });
      else if (n.kind === 'suspended') notices.push({ ...base, kind: 'suspended', params: {} });
    }
    this.deps.logger.warn({ stale: stale.length, resent: notices.length }, 'lifecycle: interrupted notices sent again');
    if (notices.length === 0) return;
    const owners = await this.deps.db.system((tx) => ownerContacts(tx, notices.map((n) => n.workshopId)));
    this.result.notices += notices.length;
    await this.send(notices, owners);
  }

  /** What a committed transaction did, added to the result. */
  private count(tally: Tally): void {
    const r = this.result;
    r.checked += tally.checked;
    for (const t of tally.transitions) r.transitions[t] = (r.transitions[t] ?? 0) + 1;
    r.postponed += tally.postponed;
    r.notices += tally.notices;
    r.grants += tally.grants;
    r.synced += tally.synced;
  }

  /** Plans and writes the claimed subscriptions in the batch's transaction; the notices to send once committed. */
  private async write(tx: Tx, claimed: ClaimedSubscription[], alone = false): Promise<Written> {
    const planned: Planned[] = [];
    for (const c of claimed) planned.push(await this.plan(tx, c));
    const tally: Tally = { checked: planned.length, transitions: [], postponed: 0, notices: 0, grants: 0, synced: 0 };

    const updated = await updateSubscriptions(
      tx,
      planned.map((p) => ({ workshopId: p.claimed.workshopId, fromStatus: p.claimed.state.status, state: p.state, nextCheckAt: p.nextCheckAt })),
      this.now,
    );
    // Only what this transaction updated goes on (the compare-and-set held).
    const kept = planned.filter((p) => updated.has(p.claimed.workshopId));
    for (const p of kept) tally.transitions.push(...p.transitions);
    tally.postponed = kept.reduce((n, p) => n + p.notices.filter((x) => x.kind === 'change_postponed').length, 0);

    const wanted = kept.flatMap((p) => p.notices);
    const fresh = new Set((await recordNotices(tx, wanted.map((n) => ({ workshopId: n.workshopId, key: n.key, kind: n.kind })), this.now)).map((n) => `${n.workshopId} ${n.key}`));
    const notices = wanted.filter((n) => fresh.has(`${n.workshopId} ${n.key}`));
    tally.notices = notices.length;
    tally.grants = await grantMonthlyCredits(tx, kept.flatMap((p) => p.grants));
    const owners = await ownerContacts(tx, notices.map((n) => n.workshopId));

    // The synced rows last: a batch in four statements (subscriptionRows.ts); a workshop alone
    // (after its batch failed) through the server writer, the general path.
    const changed = kept.filter((p) => p.changed);
    if (changed.length > 0 && !alone) {
      await writeSubscriptionRows(tx, this.deps.clock, changed.map((p) => ({ workshopId: p.claimed.workshopId, fields: subscriptionRowFields(p.state, this.plans, this.now) })));
    } else if (changed.length > 0) {
      await lockSequences(tx, changed.map((p) => p.claimed.workshopId));
      for (const p of changed) {
        const workshopId = p.claimed.workshopId;
        // Entering a workshop makes the rest of the transaction its RLS role: the synced rows come last.
        await enterWorkshop(tx, workshopId);
        await this.deps.writer.inWorkshop(tx, workshopId, (writes) => writes.write('subscription', workshopId, subscriptionRowFields(p.state, this.plans, this.now)));
      }
    }
    tally.synced = changed.length;
    return { notices, owners, tally };
  }

  /** What is due for one subscription at `now` (pure but for the workshop's use when a change waits on it). */
  private async plan(tx: Tx, claimed: ClaimedSubscription): Promise<Planned> {
    const now = this.now;
    const tz = claimed.state.timezone;
    const planName = (id: string) => this.plans.find((p) => p.id === id)?.name ?? id;
    let state = claimed.state;
    const transitions: string[] = [];
    const notices: PlannedNotice[] = [];
    let last: DueNotice | null = null;
    const notice = (n: DueNotice, params: PlannedNotice['params']): PlannedNotice => ({ workshopId: claimed.workshopId, key: n.key, kind: n.kind, params });

    for (let step = 0; step < MAX_STEPS; step++) {
      let due = dueTransition(state, now);
      if (!due) break;
      const pending = state.pendingPlanId;
      if (due.from !== 'past_due' && pending !== null && pending !== FREE_PLAN_ID) {
        const target = this.plans.find((p) => p.id === pending);
        const excesses = target ? limitExcesses(await workshopUsage(tx, claimed.workshopId, now), target.limits) : [];
        if (!target || excesses.length > 0) {
          const end = (due.from === 'trial' ? state.trialEndsAt : state.currentPeriodEnd) ?? now.toISOString();
          notices.push(
            notice({ kind: 'change_postponed', key: `change_postponed:${end}` }, { plan: planName(pending), currentPlan: planName(state.planId), reason: excessMessage(excesses, 'fr') ?? '' }),
          );
          state = { ...state, pendingPlanId: null, pendingCycle: null };
          due = dueTransition(state, now)!;
        }
      }
      transitions.push(`${due.from}>${due.next.status}`);
      state = due.next;
      last = due.notice;
    }
    // Only the last step's notice is sent: after a long outage, "past due" is old news once suspended.
    if (last) notices.push(notice(last, last.kind === 'past_due' && state.graceEndsAt ? { graceDay: lastDayBefore(state.graceEndsAt, tz) } : {}));
    const reminder = dueReminder(state, now);
    if (reminder) {
      const end = (state.status === 'trial' ? state.trialEndsAt : state.currentPeriodEnd)!;
      notices.push(notice(reminder, { lastDay: lastDayBefore(end, tz), plan: planName(state.planId) }));
    }
    const credits = this.plans.find((p) => p.id === state.planId)?.limits.monthlyCredits ?? 0;
    const grants = credits > 0 ? dueMonthlyGrants(state, now).map((g) => ({ workshopId: claimed.workshopId, key: g.key, amount: credits, reference: `monthly:${state.planId}` })) : [];
    let next = nextCheckAt(state, now);
    // A month start at `now` itself is granted by this run: the next look is after it.
    if (next !== null && Date.parse(next) <= now.getTime()) next = new Date(now.getTime() + 1).toISOString();
    return { claimed, state, changed: JSON.stringify(state) !== JSON.stringify(claimed.state), transitions, notices, grants, nextCheckAt: next };
  }

  private async send(notices: PlannedNotice[], owners: Map<string, OwnerContact>): Promise<void> {
    const t0 = performance.now();
    const outcomes = await sendNotices(this.deps.providers, notices, owners, this.deps.logger);
    for (const o of outcomes) {
      if (o.channel) this.result.noticesSent++;
      else this.result.noticesFailed++;
    }
    try {
      await this.deps.db.system((tx) => recordNoticeOutcomes(tx, outcomes));
    } catch (error) {
      this.deps.logger.error({ count: outcomes.length, err: error }, 'lifecycle: notice outcomes not recorded');
    }
    this.result.phases.sendMs += performance.now() - t0;
  }
}
