/**
 * The dispatcher's writes (a send's preparation, its `sent`, its failure) gathered over one turn
 * of the event loop and run in ONE transaction: the send jobs a claim starts together prepare
 * together, and the provider answers that arrive together are recorded together. On a small
 * machine a round trip to the database is most of what a write costs, and a transaction's BEGIN
 * and COMMIT are two of them.
 *
 * The transaction takes the write locks of all its workshops in one statement, in the order of
 * their ids (sequenceLock.ts), then enters each workshop in turn (its row-level-security scope)
 * and runs that workshop's writes through the server-write helper, so devices receive them by
 * sync exactly as before. A write that fails, or a deadlock, fails the whole transaction: its
 * writes then run again one transaction each, so only the write at fault fails. A write must
 * therefore do nothing but database work in its transaction (they all do: read, check, write).
 * The shared transaction runs as `system` (as the reminder sweep's does), so this instance's
 * sync-state cache learns of the workshops' changes from the change notices at commit, a few
 * milliseconds later, rather than from `withWorkshop`'s own invalidation.
 */
import type { Logger } from 'pino';
import { enterWorkshop, type CloudDb, type Tx } from '../db/client.js';
import { lockSequences } from '../db/sequenceLock.js';
import type { ServerWriter, ServerWrites } from '../sync/serverWrite.js';

export type WorkshopWork<T> = (tx: Tx, writes: ServerWrites) => Promise<T>;

interface Pending {
  workshopId: string;
  work: WorkshopWork<unknown>;
  done(value: unknown): void;
  failed(error: unknown): void;
}

export interface WorkshopBatchesDeps {
  db: CloudDb;
  serverWrites: ServerWriter;
  logger: Logger;
}

export class WorkshopBatches {
  private pending: Pending[] = [];
  /** Transactions written together (a measure for tests and the bench). */
  readonly stats = { batches: 0, writes: 0, alone: 0 };

  constructor(
    private readonly deps: WorkshopBatchesDeps,
    private readonly maxWrites = 32,
  ) {}

  /** Runs `work` in the workshop's scope, under its lock, in the next batch. */
  run<T>(workshopId: string, work: WorkshopWork<T>): Promise<T> {
    return new Promise<T>((done, failed) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ workshopId, work, done: done as (value: unknown) => void, failed });
    });
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = [];
    for (let from = 0; from < pending.length; from += this.maxWrites) void this.runBatch(pending.slice(from, from + this.maxWrites));
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    const byWorkshop = new Map<string, Pending[]>();
    for (const item of [...batch].sort((a, b) => (a.workshopId < b.workshopId ? -1 : a.workshopId > b.workshopId ? 1 : 0))) {
      byWorkshop.set(item.workshopId, [...(byWorkshop.get(item.workshopId) ?? []), item]);
    }
    let results: Map<Pending, unknown>;
    try {
      results = await this.deps.db.system(async (tx) => {
        const out = new Map<Pending, unknown>();
        await lockSequences(tx, [...byWorkshop.keys()]);
        for (const [workshopId, items] of byWorkshop) {
          await enterWorkshop(tx, workshopId);
          await this.deps.serverWrites.inWorkshop(tx, workshopId, async (writes) => {
            for (const item of items) out.set(item, await item.work(tx, writes));
          });
        }
        return out;
      });
    } catch (error) {
      this.deps.logger.warn({ err: error, writes: batch.length }, 'a batch of message writes failed: each runs alone');
      await Promise.all(batch.map((item) => this.alone(item)));
      return;
    }
    this.stats.batches++;
    this.stats.writes += batch.length;
    for (const item of batch) item.done(results.get(item));
  }

  private async alone(item: Pending): Promise<void> {
    this.stats.alone++;
    try {
      item.done(
        await this.deps.db.withWorkshop(item.workshopId, (tx) => this.deps.serverWrites.inWorkshop(tx, item.workshopId, (writes) => item.work(tx, writes)), {
          lockSequence: true,
        }),
      );
    } catch (error) {
      item.failed(error);
    }
  }
}
