/**
 * The sweep's writes: each workshop's new reminders through `ServerWriter.inWorkshop` (the
 * workshop's lock, the same row schemas as a device's, the change log), so devices receive them
 * by sync. Several workshops share one transaction, each in its own row-level-security scope
 * (`enterWorkshop`, as `withWorkshop` does), their write locks taken at the start in one
 * statement, in the order of their ids (sequenceLock.ts): a commit is the dearest part of a small write
 * (~2–3 ms of WAL flush here), and a morning writes thousands of workshops. If a batch fails,
 * its workshops are written again one transaction each, so one workshop's failure never keeps
 * the others' reminders back.
 */
import type { Logger } from 'pino';
import { enterWorkshop, type CloudDb, type Tx } from '../../db/client.js';
import { lockSequences } from '../../db/sequenceLock.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { MessageSendJob } from '../dispatchQueue.js';
import { trackingUrl } from '../../../shared/messaging/trackingToken.js';
import { ensureTrackingToken } from '../trackingTokens.js';
import { reminderMessage, usesLink, type ScheduledKind, type TemplateRow } from '../../../shared/messaging/reminderRules.js';
import type { ClientRow, OrderRow, WorkshopRow } from './remindersSql.js';

/** One reminder to write, everything known but the link of an order without a token yet. */
export interface Planned {
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

/** What one workshop's write did. */
export interface WorkshopOutcome {
  workshopId: string;
  written: { id: string; kind: ScheduledKind }[];
  /** Found written under the workshop's lock (another sweep got there first). */
  already: number;
  tokens: number;
  /** Texts the message schema refused (a template too long once filled). */
  refused: number;
}

export interface ReminderWriterDeps {
  db: CloudDb;
  writer: ServerWriter;
  publicUrl: string;
  logger: Logger;
}

export class ReminderWriter {
  /** Workshops whose write failed even alone. */
  failed = 0;

  constructor(
    private readonly deps: ReminderWriterDeps,
    private readonly createdAt: string,
  ) {}

  /** Writes a batch of workshops (each its own planned reminders); what each of them did. */
  async writeBatch(batch: Planned[][]): Promise<WorkshopOutcome[]> {
    try {
      return await this.deps.db.system(async (tx) => {
        const outcomes: WorkshopOutcome[] = [];
        // Every workshop's write lock in one statement, in id order (sequenceLock.ts).
        await lockSequences(tx, batch.map((planned) => planned[0]!.workshop.workshopId));
        for (const planned of batch) {
          await enterWorkshop(tx, planned[0]!.workshop.workshopId);
          outcomes.push(await this.writeWorkshop(tx, planned));
        }
        return outcomes;
      });
    } catch (error) {
      if (batch.length === 1) return this.failure(batch[0]!, error);
      const outcomes: WorkshopOutcome[] = [];
      for (const planned of batch) outcomes.push(...(await this.writeAlone(planned)));
      return outcomes;
    }
  }

  private async writeAlone(planned: Planned[]): Promise<WorkshopOutcome[]> {
    const workshopId = planned[0]!.workshop.workshopId;
    try {
      return [await this.deps.db.withWorkshop(workshopId, (tx) => this.writeWorkshop(tx, planned), { lockSequence: true })];
    } catch (error) {
      return this.failure(planned, error);
    }
  }

  private failure(planned: Planned[], error: unknown): WorkshopOutcome[] {
    this.failed++;
    this.deps.logger.error({ workshopId: planned[0]!.workshop.workshopId, err: error }, 'reminders: a workshop could not be written');
    return [];
  }

  /** One workshop's reminders, inside a transaction scoped to it. */
  private writeWorkshop(tx: Tx, planned: Planned[]): Promise<WorkshopOutcome> {
    const workshopId = planned[0]!.workshop.workshopId;
    const { writer, publicUrl } = this.deps;
    return writer.inWorkshop(tx, workshopId, async (writes) => {
      const outcome: WorkshopOutcome = { workshopId, written: [], already: 0, tokens: 0, refused: 0 };
      // Read under the workshop's lock, one statement per table (kept by the writer): the
      // reminders already written, and the orders whose first link is made here.
      await writes.readAll('messages', planned.map((p) => p.id));
      const fresh: Planned[] = [];
      for (const p of planned) {
        if (await writes.read('messages', p.id)) outcome.already++;
        else fresh.push(p);
      }
      const tokenless = fresh.filter((p) => !p.order.trackingToken && usesLink(p.kind, p.template)).map((p) => p.order.orderId);
      if (tokenless.length > 0) await writes.readAll('orders', tokenless);
      const tokens = new Map<string, string | null>();
      const rows: { rowId: string; fields: Record<string, unknown> }[] = [];
      const kinds = new Map<string, ScheduledKind>();
      for (const p of fresh) {
        let token = tokens.get(p.order.orderId) ?? p.order.trackingToken;
        if (!token && usesLink(p.kind, p.template)) {
          // The order's first message that needs the link: the order gets its token, as a device would give it.
          const given = await ensureTrackingToken(writes, p.order.orderId);
          token = given.token;
          if (given.created) outcome.tokens++;
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
        kinds.set(p.id, p.kind);
        rows.push({
          rowId: p.id,
          fields: {
            clientId: p.client.clientId,
            orderId: p.order.orderId,
            channel: message.channel,
            to: message.to,
            body: message.body,
            kind: p.kind,
            status: 'queued',
            createdAt: this.createdAt,
            createdBy: null,
            deletedAt: null,
            providerId: null,
            segments: null,
            credits: null,
            sentAt: null,
            deliveredAt: null,
            failureReason: null,
          },
        });
      }
      // The workshop's new reminders in one statement, checked with the messages' row schema.
      const written = await writes.insertNew('messages', rows);
      outcome.refused += written.refused.length;
      outcome.already += written.existing.length;
      for (const id of written.inserted) outcome.written.push({ id, kind: kinds.get(id)! });
      return outcome;
    });
  }
}

/** The messages a workshop's write made, to hand to the dispatcher once committed. */
export function sendsOf(outcome: WorkshopOutcome): MessageSendJob[] {
  return outcome.written.map((w) => ({ workshopId: outcome.workshopId, messageId: w.id }));
}
