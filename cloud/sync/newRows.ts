/**
 * The new rows of a push, held back and inserted together: one INSERT per table and field set
 * instead of one per mutation (a device's first push is thousands of new rows). A held row is
 * written before anything else of the batch touches it again (`holds`), so every later mutation
 * of the batch sees it as the database does; whether an id was another workshop's is only known
 * once written, so a held mutation is acknowledged — or refused — when its row is written.
 */
import type { Tx } from '../db/client.js';
import type { SyncedTableName } from '../../shared/domain/tables.js';
import { insertNewRows, rowKey, type NewRow } from './hubWrite.js';

/** Rows per INSERT at most (each row has a parameter per field, and Postgres allows 65,535). */
const ROWS_PER_STATEMENT = 500;

export interface HeldRow<T> extends NewRow {
  table: SyncedTableName;
  /** What the caller needs back (the mutation). */
  origin: T;
}

export interface Written<T> {
  inserted: HeldRow<T>[];
  /** Ids taken by another workshop: nothing was written for these. */
  foreign: HeldRow<T>[];
}

interface Group<T> {
  table: SyncedTableName;
  keys: string[];
  rows: HeldRow<T>[];
}

export class NewRowBuffer<T> {
  private groups = new Map<string, Group<T>>();
  private held = new Set<string>();

  holds(table: SyncedTableName, rowId: string): boolean {
    return this.held.has(rowKey(table, rowId));
  }

  add(row: HeldRow<T>): void {
    const keys = Object.keys(row.applied).sort();
    const id = `${row.table} ${keys.join(',')}`;
    let group = this.groups.get(id);
    if (!group) {
      group = { table: row.table, keys, rows: [] };
      this.groups.set(id, group);
    }
    group.rows.push(row);
    this.held.add(rowKey(row.table, row.rowId));
  }

  /** Writes every held row; says which were inserted and which ids were another workshop's. */
  async write(tx: Tx, workshopId: string): Promise<Written<T>> {
    const written: Written<T> = { inserted: [], foreign: [] };
    for (const group of this.groups.values()) {
      for (let from = 0; from < group.rows.length; from += ROWS_PER_STATEMENT) {
        const part = group.rows.slice(from, from + ROWS_PER_STATEMENT);
        const ids = await insertNewRows(tx, workshopId, group.table, group.keys, part);
        for (const row of part) (ids.has(row.rowId) ? written.inserted : written.foreign).push(row);
      }
    }
    this.groups.clear();
    this.held.clear();
    return written;
  }
}
