/**
 * The catalogue in memory: plans and packs change rarely (an admin's edit), and every guard of a
 * limit reads them, so they are read at most once a minute per instance.
 */
import type { CloudDb, Tx } from '../db/client.js';
import type { CreditPack, Plan } from '../../shared/billing/plans.js';
import { readCreditPacks, readPlans } from './catalogueSql.js';

export interface CatalogueSnapshot {
  plans: Plan[];
  packs: CreditPack[];
}

export class Catalogue {
  private cached: { at: number; value: Promise<CatalogueSnapshot> } | null = null;

  constructor(
    private readonly db: CloudDb,
    private readonly ttlMs = 60_000,
  ) {}

  /**
   * Inside a transaction, pass it: the catalogue is then read on it when not in memory (a second
   * transaction would wait for a connection the first holds — PGlite has one).
   */
  read(tx?: Tx): Promise<CatalogueSnapshot> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      const load = async (t: Tx) => ({ plans: await readPlans(t), packs: await readCreditPacks(t) });
      const value = tx ? load(tx) : this.db.system(load);
      this.cached = { at: now, value };
      value.catch(() => {
        if (this.cached?.value === value) this.cached = null;
      });
    }
    return this.cached.value;
  }

  /** After an edit of the tables (admin portal, tests). */
  forget(): void {
    this.cached = null;
  }
}
