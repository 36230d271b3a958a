/**
 * What a first sync's bytes are made of: the decoded pages of changes, split into ids, clocks,
 * field names, values and JSON punctuation; how many changes each row takes; and what the same
 * pages would weigh with brotli (the server supports it; the real fetch of Node 20 does not ask
 * for it) or in a column-per-table layout carrying exactly the same changes.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Change } from '../shared/sync/protocol.js';

export interface PayloadAnalysis {
  pages: number;
  changes: number;
  rows: number;
  decoded: number;
  gzip6: number;
  br4: number;
  br11: number;
  parts: { tableNames: number; rowIds: number; clocks: number; fieldNames: number; values: number; punctuation: number };
  byTable: { table: string; rows: number; changes: number; bytes: number }[];
  columnar: { decoded: number; gzip6: number; br4: number };
}

const br = (buf: Buffer, quality: number) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

/** The same changes, one block per table and field set: names once, then [rowId, hlc, ...values]. */
function columnar(changes: Change[]): Buffer {
  const blocks = new Map<string, { t: string; f: string[]; r: unknown[][] }>();
  for (const c of changes) {
    const names = Object.keys(c.fields).sort();
    const key = `${c.table}|${names.join(',')}`;
    const block = blocks.get(key) ?? { t: c.table, f: names, r: [] };
    block.r.push([c.rowId, c.hlc, ...names.map((n) => c.fields[n])]);
    blocks.set(key, block);
  }
  return Buffer.from(JSON.stringify([...blocks.values()]));
}

export function analysePages(bodies: Buffer[]): PayloadAnalysis {
  const parts = { tableNames: 0, rowIds: 0, clocks: 0, fieldNames: 0, values: 0, punctuation: 0 };
  const tables = new Map<string, { rows: Set<string>; changes: number; bytes: number }>();
  const rows = new Set<string>();
  const all: Change[] = [];
  let changes = 0;
  const columnarPages: Buffer[] = [];
  for (const body of bodies) {
    const page = JSON.parse(body.toString('utf8')) as { changes: Change[] };
    columnarPages.push(columnar(page.changes));
    for (const c of page.changes) {
      all.push(c);
      changes += 1;
      rows.add(`${c.table}/${c.rowId}`);
      const size = Buffer.byteLength(JSON.stringify(c)) + 1;
      const t = tables.get(c.table) ?? { rows: new Set<string>(), changes: 0, bytes: 0 };
      t.rows.add(c.rowId);
      t.changes += 1;
      t.bytes += size;
      tables.set(c.table, t);
      const tableName = c.table.length + 2;
      const rowId = c.rowId.length + 2;
      const clock = c.hlc.length + 2;
      let names = '"table""rowId""hlc""fields"'.length;
      let values = 0;
      for (const [k, v] of Object.entries(c.fields)) {
        names += k.length + 2;
        values += Buffer.byteLength(JSON.stringify(v));
      }
      parts.tableNames += tableName;
      parts.rowIds += rowId;
      parts.clocks += clock;
      parts.fieldNames += names;
      parts.values += values;
      parts.punctuation += size - tableName - rowId - clock - names - values;
    }
  }
  const decoded = Buffer.concat(bodies);
  return {
    pages: bodies.length,
    changes,
    rows: rows.size,
    decoded: decoded.length,
    gzip6: bodies.reduce((s, b) => s + gzipSync(b).length, 0),
    br4: bodies.reduce((s, b) => s + br(b, 4), 0),
    br11: bodies.reduce((s, b) => s + br(b, 11), 0),
    parts,
    byTable: [...tables].map(([table, t]) => ({ table, rows: t.rows.size, changes: t.changes, bytes: t.bytes })).sort((a, b) => b.bytes - a.bytes),
    columnar: {
      decoded: columnarPages.reduce((s, b) => s + b.length, 0),
      gzip6: columnarPages.reduce((s, b) => s + gzipSync(b).length, 0),
      br4: columnarPages.reduce((s, b) => s + br(b, 4), 0),
    },
  };
}
