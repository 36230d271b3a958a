/** Printing for the sync benchmark: sizes, tables, the heads of a request and its answer. */
import { headerSizes, type Exchange } from './syncWire.js';
import type { PayloadAnalysis } from './syncPayload.js';
import type { TraceReport } from './syncQueries.js';

export const kb = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(2)} MB` : bytes >= 10_240 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);
export const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const msf = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

export function table(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`);
  for (const l of lines) console.log(row(l));
}

/**
 * Header lines an HTTP client adds on its own to what SyncClient sets (`content-type`,
 * `authorization`, `accept-encoding`): Node's fetch (undici) adds all of these; the desktop's
 * leanFetch (desktop/main/leanFetch.ts), which the bench uses, none, so they should sum to 0 B.
 */
export const ADDED_BY_FETCH = ['accept', 'accept-language', 'sec-fetch-mode', 'user-agent', 'connection'];

export function headerName(line: string): string {
  return line.slice(0, Math.max(0, line.indexOf(':'))).toLowerCase();
}

/** The request and response heads of one exchange, each line with its size on the wire. */
export function printHeads(x: Exchange, bodyShown: string | null): void {
  const show = (title: string, head: string) => {
    console.log(`  ${title}`);
    for (const { line, bytes } of headerSizes(head)) {
      const mark = ADDED_BY_FETCH.includes(headerName(line)) ? '  ← added by the HTTP client, not by SyncClient' : '';
      console.log(`    ${String(bytes).padStart(4)} B  ${line.length > 110 ? `${line.slice(0, 107)}…` : line}${mark}`);
    }
    console.log(`    ${String(Buffer.byteLength(head, 'latin1')).padStart(4)} B  (head total, final CRLF included)`);
  };
  show(`request head (${x.method} ${x.path}), body ${x.requestBodyBytes} B${x.requestEncoding ? ` ${x.requestEncoding}` : ''}:`, x.requestHead);
  show(`response head (${x.status}), body ${x.responseBodyBytes} B${x.responseEncoding ? ` ${x.responseEncoding}` : ' uncompressed'}:`, x.responseHead);
  if (bodyShown) console.log(`  response body: ${bodyShown}`);
}

export function bytesOf(head: string, names: readonly string[]): number {
  return headerSizes(head)
    .filter(({ line }) => names.includes(headerName(line)))
    .reduce((s, h) => s + h.bytes, 0);
}

export const status = (ok: boolean) => (ok ? 'OK' : 'MISSED');

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;

export function printPayload(pa: PayloadAnalysis, wirePayload: number): void {
  console.log(`\n### What the first sync's ${pa.pages} pages carry: ${pa.changes} changes for ${pa.rows} rows (${(pa.changes / pa.rows).toFixed(2)} changes per row), ${kb(pa.decoded)} of JSON`);
  const p = pa.parts;
  const whole = Object.values(p).reduce((s, x) => s + x, 0);
  console.log(`  JSON bytes: values ${pct(p.values, whole)}, field names and keys ${pct(p.fieldNames, whole)}, clocks (hlc) ${pct(p.clocks, whole)}, row ids ${pct(p.rowIds, whole)}, table names ${pct(p.tableNames, whole)}, punctuation ${pct(p.punctuation, whole)}`);
  table(
    ['table', 'rows', 'changes', 'JSON', 'gzip 6 alone', 'share of gzip'],
    pa.byTable.map((t) => [t.table, String(t.rows), String(t.changes), kb(t.bytes), kb(t.gzip), pct(t.gzip, pa.byTable.reduce((s, x) => s + x.gzip, 0))]),
  );
  console.log(`  a change of the largest table (${Buffer.byteLength(pa.sample)} B): ${pa.sample}`);
  table(
    ['same pages encoded as', 'bytes', 'vs JSON'],
    [
      ['JSON (decoded)', kb(pa.decoded), '1.0×'],
      ['on the wire (what was negotiated)', kb(wirePayload), `${(pa.decoded / wirePayload).toFixed(1)}×`],
      ['gzip level 6 (recomputed)', kb(pa.gzip6), `${(pa.decoded / pa.gzip6).toFixed(1)}×`],
      ['brotli q4 (compression\'s default)', kb(pa.br4), `${(pa.decoded / pa.br4).toFixed(1)}×`],
      ['columns per table + field set (same changes)', kb(pa.columnar.decoded), `${(pa.decoded / pa.columnar.decoded).toFixed(1)}×`],
      ['  … + gzip 6', kb(pa.columnar.gzip6), `${(pa.decoded / pa.columnar.gzip6).toFixed(1)}×`],
      ['  … + brotli q4', kb(pa.columnar.br4), `${(pa.decoded / pa.columnar.br4).toFixed(1)}×`],
    ],
  );
  table(
    ['the same pages, changed (diagnosis)', 'gzip 6', 'brotli q4', 'vs gzip 6 today'],
    pa.variants.map((v) => [v.name, kb(v.gzip6), kb(v.br4), `${(((v.gzip6 - pa.gzip6) / pa.gzip6) * 100).toFixed(0)}%`]),
  );
  table(
    ['brotli quality (the same pages)', 'bytes', 'compression time, all pages', 'per decoded MB'],
    pa.brotli.map((b) => [`q${b.quality}`, kb(b.bytes), msf(b.ms), msf(b.ms / (pa.decoded / 1_048_576))]),
  );
}

export function printTrace(title: string, r: TraceReport & { responseBytes?: number }): void {
  console.log(`\n### ${title} (${r.requests} requests one after another, in-process app, means per request${r.responseBytes ? `, response body ${kb(r.responseBytes)} as sent` : ''})`);
  console.log(`  request ${msf(r.requestMs)}: ${r.transactions.toFixed(1)} transactions ${msf(r.transactionMs)} (of which ${r.statements.toFixed(1)} traced statements ${msf(r.statementMs)}; BEGIN / SET LOCAL ROLE / set_config / COMMIT are the rest), outside transactions ${msf(r.requestMs - r.transactionMs)} (HTTP, middleware, auth, JSON)`);
  table(
    ['statement', 'per request', 'rows returned', 'ms per request'],
    r.byStatement.slice(0, 12).map((s) => [s.label, s.count.toFixed(s.count < 10 ? 2 : 0), s.rows.toFixed(0), msf(s.ms)]),
  );
}
