/**
 * What a first sync's bytes are made of: the decoded pages of changes, split into ids, clocks,
 * field names, values and JSON punctuation; how many changes each row takes; and what the same
 * pages would weigh with brotli (the server supports it; the real fetch of Node 20 does not ask
 * for it), table by table or in a column-per-table layout carrying exactly the same changes.
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
  parts: { tableNames: number; rowIds: number; clocks: number; fieldNames: number; values: number; punctuation: number };
  byTable: { table: string; rows: number; changes: number; bytes: number; gzip: number }[];
  /** One change of the largest table, as sent. */
  sample: string;
  columnar: { decoded: number; gzip6: number; br4: number };
  /** The same pages at several brotli qualities: bytes and compression time (the hub's choice, cloud/http/leanJson.ts). */
  brotli: { quality: number; bytes: number; ms: number }[];
  /** Diagnostic variants of the same pages (gzip 6): what each part costs once compressed. */
  variants: { name: string; gzip6: number; br4: number }[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function variants(pages: Change[][]): PayloadAnalysis['variants'] {
  const closed = new Set<string>();
  for (const page of pages) for (const c of page) if (c.table === 'orders' && (c.fields.status === 'delivered' || c.fields.status === 'cancelled')) closed.add(c.rowId);
  const numbers = new Map<string, number>();
  const encode = (make: (page: Change[]) => string) => {
    const bufs = pages.map((p) => Buffer.from(make(p)));
    return { gzip6: bufs.reduce((s, b) => s + gzipSync(b).length, 0), br4: bufs.reduce((s, b) => s + br(b, 4), 0) };
  };
  return [
    { name: 'every UUID replaced by a short number (what UUID randomness costs)', ...encode((p) => JSON.stringify({ changes: p }).replace(UUID, (u) => String(numbers.get(u) ?? numbers.set(u, numbers.size).size - 1))) },
    { name: 'without the hlc of each change', ...encode((p) => JSON.stringify({ changes: p.map(({ hlc: _hlc, ...rest }) => rest) })) },
    { name: 'without the order_events of delivered / cancelled orders', ...encode((p) => JSON.stringify({ changes: p.filter((c) => !(c.table === 'order_events' && closed.has(String(c.fields.orderId)))) })) },
  ];
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
  const tables = new Map<string, { rows: Set<string>; changes: number; bytes: number; json: string[] }>();
  const rows = new Set<string>();
  const all: Change[] = [];
  let changes = 0;
  const columnarPages: Buffer[] = [];
  const pages: Change[][] = [];
  for (const body of bodies) {
    const page = JSON.parse(body.toString('utf8')) as { changes: Change[] };
    pages.push(page.changes);
    columnarPages.push(columnar(page.changes));
    for (const c of page.changes) {
      all.push(c);
      changes += 1;
      rows.add(`${c.table}/${c.rowId}`);
      const json = JSON.stringify(c);
      const size = Buffer.byteLength(json) + 1;
      const t = tables.get(c.table) ?? { rows: new Set<string>(), changes: 0, bytes: 0, json: [] };
      t.json.push(json);
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
    parts,
    byTable: [...tables]
      .map(([table, t]) => ({ table, rows: t.rows.size, changes: t.changes, bytes: t.bytes, gzip: gzipSync(Buffer.from(`[${t.json.join(',')}]`)).length }))
      .sort((a, b) => b.bytes - a.bytes),
    sample: [...tables].sort((a, b) => b[1].bytes - a[1].bytes)[0]?.[1].json[0] ?? '',
    columnar: {
      decoded: columnarPages.reduce((s, b) => s + b.length, 0),
      gzip6: columnarPages.reduce((s, b) => s + gzipSync(b).length, 0),
      br4: columnarPages.reduce((s, b) => s + br(b, 4), 0),
    },
    variants: variants(pages),
    brotli: [4, 5, 6, 7, 9].map((quality) => {
      const t = performance.now();
      const bytes = bodies.reduce((sum, b) => sum + br(b, quality), 0);
      return { quality, bytes, ms: performance.now() - t };
    }),
  };
}
