/**
 * Test support: an export's ZIP read back (yauzl) and checked on its own terms — every table has
 * its JSON and CSV, the CSV has a BOM, `;`, one header per field in the app's language, the same
 * rows as the JSON in the same order, amounts as integers. Returns the tables for the test to
 * compare with what it wrote.
 */
import { expect } from 'vitest';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../domain/tables.js';
import { parseCsv } from './csv.js';
import { exportFields } from './exportQueries.js';
import { headerOf } from './headers.js';
import { readZip } from './zipReader.testing.js';

export interface ReadTable {
  json: Record<string, unknown>[];
  /** The CSV's rows as objects keyed by field name (cells as text). */
  csv: Record<string, string>[];
}

export interface ReadExport {
  entries: Map<string, Buffer>;
  tables: Record<SyncedTableName, ReadTable>;
  readme: string;
}

const MONEY: Record<string, string[]> = { garment_types: ['defaultPrice'], orders: ['price', 'paid'], payments: ['amount'] };

export async function readExport(bytes: Uint8Array): Promise<ReadExport> {
  const entries = await readZip(bytes);
  const tables = {} as Record<SyncedTableName, ReadTable>;
  for (const table of SYNCED_TABLE_NAMES) {
    const jsonBytes = entries.get(`${table}.json`);
    const csvBytes = entries.get(`${table}.csv`);
    expect(jsonBytes, `${table}.json`).toBeDefined();
    expect(csvBytes, `${table}.csv`).toBeDefined();
    const json = JSON.parse(jsonBytes!.toString('utf8')) as Record<string, unknown>[];
    const csvText = csvBytes!.toString('utf8');
    expect(csvText.startsWith('\uFEFF'), `${table}.csv BOM`).toBe(true);
    const [header, ...lines] = parseCsv(csvText);
    const fields = exportFields(table).map((f) => f.field);
    expect(header, `${table}.csv header`).toEqual(fields.map((f) => headerOf(table, f, 'fr')));
    expect(lines.length, `${table}.csv rows`).toBe(json.length);
    const csv = lines.map((cells) => {
      expect(cells.length).toBe(fields.length);
      return Object.fromEntries(fields.map((f, i) => [f, cells[i]!]));
    });
    json.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(fields);
      expect(csv[i]!.id).toBe(row.id);
      for (const field of MONEY[table] ?? []) {
        const value = row[field];
        if (value !== null) {
          expect(Number.isInteger(value), `${table}.${field} integer`).toBe(true);
          expect(csv[i]![field]).toBe(String(value));
        }
      }
    });
    tables[table] = { json, csv };
  }
  const readme = entries.get('README.txt')?.toString('utf8') ?? '';
  return { entries, tables, readme };
}
