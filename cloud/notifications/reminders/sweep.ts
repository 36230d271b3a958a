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
 * handful of statements per page), then each workshop with something new gets one
 * `ServerWriter.inWorkshop` transaction, a few at a time.
 */
import type { Logger } from 'pino';
import type { CloudDb, Tx } from '../../db/client.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { MessageSendJob } from '../dispatchQueue.js';
import { balanceReminderId, fittingReminderId, templateRowId } from '../../../shared/messaging/templates.js';
import { ROW_SCHEMAS } from '../../../shared/domain/rowSchemas.js';
import { newTrackingToken, trackingUrl } from '../../../shared/messaging/trackingToken.js';
import { todayIn } from '../../../shared/domain/calendar.js';
import {
  DEFAULT_REMINDER_HOURS,
  balanceReminderDue,
  effectiveTemplate,
  isKnownTimeZone,
  localTimeOfDay,
  reminderDay,
  reminderMessage,
  usesLink,
  type ReminderDay,
  type ReminderHours,
  type ScheduledKind,
  type TemplateRow,
} from '../../../shared/messaging/reminderRules.js';
import { autoRecipient } from '../../../shared/messaging/recipients.js';
import {
  messagesById,
  paidOnOrders,
  readyOrders,
  templatesById,
  tomorrowsFittings,
  trySweepLock,
  workshopsIn,
  workshopZones,
  type ClientRow,
  type OrderRow,
  type WorkshopRow,
} from './remindersSql.js';

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
  /** Workshop transactions at once (default 4 on Postgres, 1 on PGlite). */
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
}

/** One reminder to write, everything known but the link of an order without a token yet. */
interface Planned {
  id: string;
  kind: ScheduledKind;
  workshop: WorkshopRow;
  template: TemplateRow | null;
  client: ClientRow;
  order: OrderRow;
  balance: number;
  day: string | null;
  time: string | null;
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

class Sweep {
  private readonly hours: ReminderHours;
  private readonly pageSize: number;
  private readonly concurrency: number;

  constructor(
    private readonly deps: SweepDeps,
    private readonly now: Date,
    options: SweepOptions,
    private readonly result: SweepResult,
  ) {
    this.hours = options.hours ?? DEFAULT_REMINDER_HOURS;
    this.pageSize = options.pageSize ?? 1000;
    this.concurrency = options.concurrency ?? (deps.db.kind === 'postgres' ? 4 : 1);
  }

  async run(): Promise<void> {
    const zones = await this.deps.db.system((tx) => workshopZones(tx));
    this.result.zones = zones.length;
    const unknown = zones.filter((tz) => !isKnownTimeZone(tz));
    if (unknown.length > 0) this.deps.logger.warn({ zones: unknown }, 'reminders: workshops in unknown time zones skipped');
    const days = new Map<string, ReminderDay>();
    for (const tz of zones) {
      if (!isKnownTimeZone(tz)) continue;
      const day = reminderDay(this.now, tz, this.hours);
      if (day.due) days.set(tz, day);
    }
    this.result.dueZones = days.size;
    if (days.size === 0) return;
    let after: string | null = null;
    for (;;) {
      const page = await this.deps.db.system((tx) => this.plan(tx, days, after));
      if (!page) break;
      after = page.last;
      const items = [...page.requeue];
      await eachAtMost(this.concurrency, [...page.byWorkshop.values()], async (planned) => {
        items.push(...(await this.write(planned)));
      });
      await this.enqueue(items);
    }
  }

  /** Reads one page of workshops and what is due for them; null after the last page. */
  private async plan(tx: Tx, days: Map<string, ReminderDay>, after: string | null) {
    const workshops = await workshopsIn(tx, [...days.keys()], after, this.pageSize);
    if (workshops.length === 0) return null;
    this.result.workshops += workshops.length;
    const byId = new Map(workshops.map((w) => [w.workshopId, w]));
    const templates = await this.templates(tx, workshops);
    const wants = (kind: ScheduledKind) => workshops.filter((w) => effectiveTemplate(kind, templates.get(`${w.workshopId} ${kind}`) ?? null).channel !== 'off').map((w) => w.workshopId);

    const windows = [...days.values()].map((d) => ({ timezone: d.timezone, from: d.tomorrowFrom, until: d.tomorrowUntil }));
    const fittings = await tomorrowsFittings(tx, wants('fitting_reminder'), windows);
    const ready = await readyOrders(tx, wants('balance_due'), this.now);
    const orderIds = [...new Set([...fittings, ...ready].map((c) => c.orderId))];
    const paid = await paidOnOrders(tx, [...new Set([...fittings, ...ready].map((c) => c.workshopId))], orderIds);

    const planned: Planned[] = [];
    const add = (kind: ScheduledKind, workshop: WorkshopRow, candidate: ClientRow & OrderRow, id: string, day: string | null, time: string | null) => {
      const template = templates.get(`${workshop.workshopId} ${kind}`) ?? null;
      if (!autoRecipient(effectiveTemplate(kind, template).channel, candidate)) return;
      const balance = Math.max(0, candidate.price - (paid.get(candidate.orderId) ?? 0));
      if (kind === 'balance_due' && balance <= 0) return;
      planned.push({ id, kind, workshop, template, client: candidate, order: candidate, balance, day, time });
    };
    for (const f of fittings) {
      const workshop = byId.get(f.workshopId)!;
      const at = new Date(f.at);
      const day = todayIn(workshop.timezone, at);
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
    return { last: workshops.at(-1)!.workshopId, byWorkshop, requeue };
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

  /** One workshop's new reminders in one server write; the messages written, to enqueue. */
  private async write(planned: Planned[]): Promise<MessageSendJob[]> {
    const workshopId = planned[0]!.workshop.workshopId;
    const { db, writer, publicUrl } = this.deps;
    const createdAt = this.now.toISOString();
    try {
      const outcome = await db.withWorkshop(workshopId, (tx) =>
        writer.inWorkshop(tx, workshopId, async (writes) => {
          const taken = new Set((await messagesById(tx, planned.map((p) => p.id))).map((m) => m.id));
          const tokens = new Map<string, string | null>();
          const written: { id: string; kind: ScheduledKind }[] = [];
          let newTokens = 0;
          let refused = 0;
          let already = 0;
          for (const p of planned) {
            if (taken.has(p.id)) {
              already++;
              continue;
            }
            let token = tokens.get(p.order.orderId) ?? p.order.trackingToken;
            if (!token && usesLink(p.kind, p.template)) {
              // The order's first message that needs the link: the order gets its token, as a device would give it.
              const stored = await writes.read('orders', p.order.orderId);
              token = (stored?.fields.trackingToken as string | null | undefined) ?? null;
              if (!token && stored) {
                token = newTrackingToken();
                await writes.write('orders', p.order.orderId, { trackingToken: token });
                newTokens++;
              }
            }
            tokens.set(p.order.orderId, token ?? null);
            const message = reminderMessage({
              kind: p.kind,
              template: p.template,
              client: p.client,
              gsm7: p.workshop.smsGsm7,
              facts: {
                clientName: p.client.clientName,
                workshopName: p.workshop.name,
                orderNumber: p.order.number,
                day: p.day,
                time: p.time,
                balance: p.balance,
                link: token ? trackingUrl(publicUrl, token) : null,
              },
            });
            if (!message) continue;
            const row = {
              clientId: p.client.clientId,
              orderId: p.order.orderId,
              channel: message.channel,
              to: message.to,
              body: message.body,
              kind: p.kind,
              status: 'queued',
              createdAt,
              createdBy: null,
              deletedAt: null,
              providerId: null,
              segments: null,
              credits: null,
              sentAt: null,
              deliveredAt: null,
              failureReason: null,
            };
            if (!ROW_SCHEMAS.messages.safeParse(row).success) {
              refused++;
              continue;
            }
            await writes.write('messages', p.id, row);
            written.push({ id: p.id, kind: p.kind });
          }
          return { written, newTokens, refused, already };
        }),
      );
      for (const w of outcome.written) this.result.written[w.kind]++;
      this.result.tokens += outcome.newTokens;
      this.result.refused += outcome.refused;
      this.result.alreadyWritten += outcome.already;
      if (outcome.refused > 0) this.deps.logger.warn({ workshopId, refused: outcome.refused }, 'reminders: texts refused by the message schema');
      return outcome.written.map((w) => ({ workshopId, messageId: w.id }));
    } catch (error) {
      this.result.failedWorkshops++;
      this.deps.logger.error({ workshopId, err: error }, 'reminders: a workshop could not be written');
      return [];
    }
  }

  private async enqueue(items: MessageSendJob[]): Promise<void> {
    if (items.length === 0) return;
    try {
      await this.deps.enqueue(items);
      this.result.enqueued += items.length;
    } catch (error) {
      // The rows are written and queued: the next tick hands them over again.
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
