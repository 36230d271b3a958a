/**
 * The reminder sweep (DESIGN "Messages to clients"): for every workshop whose morning has come
 * (reminderRules.ts), it writes the reminders of tomorrow's fittings and of the balances left on
 * orders ready for the workshop's number of days, as `queued` messages that devices receive by
 * sync, then hands each new one to the dispatcher (MESSAGE_SEND_JOB, job id = message id).
 *
 * Once, whatever happens: a reminder's id is derived from what it is about (the fitting and its
 * day, the order and the instant it became ready), so a rerun, a later tick of the same day or a
 * second instance finds the row and writes nothing; the check is repeated under the workshop's
 * write lock, so two sweeps at the same moment cannot both write it. On Postgres the whole sweep
 * also holds an advisory lock (a second sweep at the same time gives up at once), and the
 * schedule's tick runs once across instances (schedules.ts).
 *
 * Set-based: candidates are read for a page of workshops at once in a `system` transaction (a
 * handful of statements per page, the next page read while this one is written), then the
 * workshops with something new are written a batch per transaction (reminderWrites.ts), a few
 * batches at a time.
 */
import type { Logger } from 'pino';
import type { CloudDb, Tx } from '../../db/client.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { MessageSendJob } from '../dispatchQueue.js';
import { balanceReminderId, fittingReminderId, templateRowId } from '../../../shared/messaging/templates.js';
import { autoRecipient } from '../../../shared/messaging/recipients.js';
import {
  DEFAULT_REMINDER_HOURS,
  balanceReminderDue,
  effectiveTemplate,
  isKnownTimeZone,
  localDay,
  localTimeOfDay,
  reminderDay,
  type ReminderDay,
  type ReminderHours,
  type ScheduledKind,
  type TemplateRow,
} from '../../../shared/messaging/reminderRules.js';
import { messagesById, paidOnOrders, readyOrders, templatesById, tomorrowsFittings, trySweepLock, workshopsIn, workshopZones, type ClientRow, type OrderRow, type WorkshopRow } from './remindersSql.js';
import { ReminderWriter, sendsOf, type Planned } from './reminderWrites.js';

export interface SweepDeps {
  db: CloudDb;
  writer: ServerWriter;
  /** The cloud's public address (tracking links). */
  publicUrl: string;
  /** Hands new messages to the dispatcher (MESSAGE_SEND_JOB with id = message id). */
  enqueue(items: MessageSendJob[]): Promise<void>;
  logger: Logger;
}

export interface SweepOptions {
  hours?: ReminderHours;
  /** Workshops whose candidates are read together (default 1,000). */
  pageSize?: number;
  /** Workshops written in one transaction (default 20). */
  batchSize?: number;
  /** Write transactions at once (default 4 on Postgres, 1 on PGlite). */
  concurrency?: number;
}

export interface SweepResult {
  /** Another sweep held the lock: this one did nothing. */
  skipped: boolean;
  /** Time zones whose morning it is, of all the workshops' zones. */
  dueZones: number;
  zones: number;
  /** Workshops in those zones. */
  workshops: number;
  written: Record<ScheduledKind, number>;
  /** Reminders found already written (a rerun, a later tick, another instance). */
  alreadyWritten: number;
  /** Orders given a tracking token for a reminder's link. */
  tokens: number;
  /** Reminders whose text the row schema refused (a template too long once filled): not written. */
  refused: number;
  /** Reminders handed to the dispatcher (new ones, and written ones still queued). */
  enqueued: number;
  /** Workshops whose write failed (logged; the next tick tries again). */
  failedWorkshops: number;
  ms: number;
  /** Where the time went: reading candidates, writing, handing over (they overlap). */
  phases: { planMs: number; writeMs: number; enqueueMs: number };
}

const emptyResult = (): SweepResult => ({
  skipped: false,
  dueZones: 0,
  zones: 0,
  workshops: 0,
  written: { fitting_reminder: 0, balance_due: 0 },
  alreadyWritten: 0,
  tokens: 0,
  refused: 0,
  enqueued: 0,
  failedWorkshops: 0,
  ms: 0,
  phases: { planMs: 0, writeMs: 0, enqueueMs: 0 },
});

/** Runs the sweep as of `now`. */
export async function sweepReminders(deps: SweepDeps, now: Date, options: SweepOptions = {}): Promise<SweepResult> {
  const started = performance.now();
  const result = emptyResult();
  const run = () => new Sweep(deps, now, options, result).run();
  if (deps.db.kind === 'postgres') {
    // The lock lives in a transaction of its own, open for the whole sweep (its work runs on other connections).
    await deps.db.system(async (tx) => {
      if (!(await trySweepLock(tx))) result.skipped = true;
      else await run();
    });
  } else {
    // PGlite: one process per data folder, one connection (a transaction held open would block the work).
    await run();
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

interface Page {
  last: string;
  byWorkshop: Planned[][];
  requeue: MessageSendJob[];
}

const timed = async <T>(add: (ms: number) => void, work: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    add(performance.now() - t0);
  }
};

class Sweep {
  private readonly hours: ReminderHours;
  private readonly pageSize: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly writes: ReminderWriter;

  constructor(
    private readonly deps: SweepDeps,
    private readonly now: Date,
    options: SweepOptions,
    private readonly result: SweepResult,
  ) {
    this.hours = options.hours ?? DEFAULT_REMINDER_HOURS;
    this.pageSize = options.pageSize ?? 1000;
    this.batchSize = options.batchSize ?? 20;
    this.concurrency = options.concurrency ?? (deps.db.kind === 'postgres' ? 4 : 1);
    this.writes = new ReminderWriter(deps, now.toISOString());
  }

  async run(): Promise<void> {
    const zones = await this.deps.db.system((tx) => workshopZones(tx));
    this.result.zones = zones.length;
    const unknown = zones.filter((tz) => !isKnownTimeZone(tz));
    if (unknown.length > 0) this.deps.logger.warn({ zones: unknown }, 'reminders: workshops in unknown time zones skipped');
    const days = new Map<string, ReminderDay>();
    for (const tz of zones.filter(isKnownTimeZone)) {
      const day = reminderDay(this.now, tz, this.hours);
      if (day.due) days.set(tz, day);
    }
    this.result.dueZones = days.size;
    if (days.size === 0) return;
    const phases = this.result.phases;
    const readPage = (after: string | null) => {
      const reading = timed((ms) => (phases.planMs += ms), () => this.deps.db.system((tx) => this.plan(tx, days, after)));
      reading.catch(() => undefined); // read ahead: its failure is thrown where it is awaited
      return reading;
    };
    const handing: Promise<void>[] = [];
    let next = readPage(null);
    for (let page = await next; page; page = await next) {
      next = readPage(page.last);
      const items = [...page.requeue];
      const batches: Planned[][][] = [];
      for (let i = 0; i < page.byWorkshop.length; i += this.batchSize) batches.push(page.byWorkshop.slice(i, i + this.batchSize));
      await timed(
        (ms) => (phases.writeMs += ms),
        () =>
          eachAtMost(this.concurrency, batches, async (batch) => {
            for (const outcome of await this.writes.writeBatch(batch)) {
              for (const w of outcome.written) this.result.written[w.kind]++;
              this.result.alreadyWritten += outcome.already;
              this.result.tokens += outcome.tokens;
              this.result.refused += outcome.refused;
              if (outcome.refused > 0) this.deps.logger.warn({ workshopId: outcome.workshopId, refused: outcome.refused }, 'reminders: texts refused by the message schema');
              items.push(...sendsOf(outcome));
            }
          }),
      );
      handing.push(timed((ms) => (phases.enqueueMs += ms), () => this.enqueue(items)));
    }
    await Promise.all(handing);
    this.result.failedWorkshops = this.writes.failed;
  }

  /** Reads one page of workshops and what is due for them; null after the last page. */
  private async plan(tx: Tx, days: Map<string, ReminderDay>, after: string | null): Promise<Page | null> {
    const workshops = await workshopsIn(tx, [...days.keys()], after, this.pageSize);
    if (workshops.length === 0) return null;
    this.result.workshops += workshops.length;
    const byId = new Map(workshops.map((w) => [w.workshopId, w]));
    const templates = await this.templates(tx, workshops);
    const templateOf = (workshopId: string, kind: ScheduledKind) => templates.get(`${workshopId} ${kind}`) ?? null;
    const wants = (kind: ScheduledKind) => workshops.filter((w) => effectiveTemplate(kind, templateOf(w.workshopId, kind)).channel !== 'off').map((w) => w.workshopId);

    const windows = [...days.values()].map((d) => ({ timezone: d.timezone, from: d.tomorrowFrom, until: d.tomorrowUntil }));
    const fittings = await tomorrowsFittings(tx, wants('fitting_reminder'), windows);
    const ready = await readyOrders(tx, wants('balance_due'), this.now);
    const candidates = [...fittings, ...ready];
    const paid = await paidOnOrders(tx, [...new Set(candidates.map((c) => c.workshopId))], [...new Set(candidates.map((c) => c.orderId))]);

    const planned: Planned[] = [];
    const add = (kind: ScheduledKind, workshop: WorkshopRow, candidate: ClientRow & OrderRow, id: string, day: string | null, time: string | null) => {
      const template = templateOf(workshop.workshopId, kind);
      if (!autoRecipient(effectiveTemplate(kind, template).channel, candidate)) return;
      const balance = Math.max(0, candidate.price - (paid.get(candidate.orderId) ?? 0));
      if (kind === 'balance_due' && balance <= 0) return;
      planned.push({ id, kind, workshop, template, client: candidate, order: candidate, balance, day, time });
    };
    for (const f of fittings) {
      const workshop = byId.get(f.workshopId)!;
      const at = new Date(f.at);
      const day = localDay(at, workshop.timezone);
      add('fitting_reminder', workshop, f, fittingReminderId(workshop.workshopId, f.fittingId, day), day, localTimeOfDay(at, workshop.timezone));
    }
    for (const r of ready) {
      const workshop = byId.get(r.workshopId)!;
      if (!balanceReminderDue(new Date(r.readyAt), workshop.timezone, days.get(workshop.timezone)!.today, workshop.balanceReminderDays)) continue;
      add('balance_due', workshop, r, balanceReminderId(workshop.workshopId, r.orderId, r.readyAt), r.promisedDate, null);
    }

    // Written before (any tick, any instance): never again; still queued: handed to the dispatcher again (same job id).
    const existing = new Map((await messagesById(tx, planned.map((p) => p.id))).map((m) => [m.id, m]));
    const requeue: MessageSendJob[] = [];
    const byWorkshop = new Map<string, Planned[]>();
    for (const p of planned) {
      const found = existing.get(p.id);
      if (found) {
        this.result.alreadyWritten++;
        if (found.workshopId !== p.workshop.workshopId) this.deps.logger.warn({ workshopId: p.workshop.workshopId, messageId: p.id }, 'reminders: id taken in another workshop');
        else if (found.status === 'queued') requeue.push({ workshopId: found.workshopId, messageId: found.id });
        continue;
      }
      const list = byWorkshop.get(p.workshop.workshopId) ?? [];
      list.push(p);
      byWorkshop.set(p.workshop.workshopId, list);
    }
    return { last: workshops.at(-1)!.workshopId, byWorkshop: [...byWorkshop.values()], requeue };
  }

  /** The page's template rows of the scheduled kinds, by "workshop kind". */
  private async templates(tx: Tx, workshops: WorkshopRow[]): Promise<Map<string, TemplateRow>> {
    const wanted = new Map<string, string>();
    for (const w of workshops) for (const kind of ['fitting_reminder', 'balance_due'] as const) wanted.set(templateRowId(w.workshopId, kind), `${w.workshopId} ${kind}`);
    const found = new Map<string, TemplateRow>();
    for (const t of await templatesById(tx, [...wanted.keys()])) {
      const key = wanted.get(t.id);
      if (key && key === `${t.workshopId} ${t.kind}`) found.set(key, { channel: t.channel, body: t.body });
    }
    return found;
  }

  private async enqueue(items: MessageSendJob[]): Promise<void> {
    if (items.length === 0) return;
    try {
      await this.deps.enqueue(items);
      this.result.enqueued += items.length;
    } catch (error) {
      // The rows are written and queued: the dispatcher's sweep of forgotten messages, and the next tick, hand them over again.
      this.deps.logger.error({ count: items.length, err: error }, 'reminders: messages could not be handed to the dispatcher');
    }
  }
}

/** Runs `work` on every item, at most `limit` at once. */
async function eachAtMost<T>(limit: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
