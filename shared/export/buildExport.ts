/**
 * The whole workshop as one ZIP (DESIGN issue 10, "Export everything"), built from the local
 * database alone so it works paid or not, online or not: for every synced table `<table>.json`
 * (the rows as objects with the app's field names) and `<table>.csv` (headers in the app's
 * language, French by default, `;`-separated with a BOM for French Excel, formula-guarded), FCFA
 * amounts as integers, instants in the workshop's time zone, the photos found on this device
 * under `photos/`, and a README.txt saying what is where and which photos are missing.
 *
 * Pure TypeScript over a source (the host gives engine queries and its photo store), zipped with
 * fflate's streaming Zip: each page of rows is deflated as it is read and the work yields to the
 * event loop between pages, so neither Electron's main process nor the browser's worker stalls.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../domain/tables.js';
import { HISTORY_ON_DEMAND_AFTER_DAYS } from '../domain/history.js';
import { text, type Locale, type TextParams } from '../i18n/texts.js';
import { CSV_BOM, csvLine } from './csv.js';
import { exportFields, EXPORT_PAGE_LIMIT, type ExportField, type ExportPage, type ExportRow, type ExportSummary } from './exportQueries.js';
import { headerOf } from './headers.js';
import { isKnownTimeZone, localInstant, offsetLabel } from './localTime.js';
import { EXPORT_TEXTS, type ExportTextKey } from './texts.js';

export interface ExportSource {
  summary(): Promise<ExportSummary>;
  page(table: SyncedTableName, after: string | null, limit: number): Promise<ExportPage>;
  /** The photo's bytes if this device has them, else null (listed as missing). */
  photo(hash: string): Promise<Uint8Array | null>;
}

export interface ExportProgress {
  phase: 'rows' | 'photos' | 'done';
  rowsDone: number;
  rowsTotal: number;
  photosDone: number;
  photosTotal: number;
}

export interface ExportOptions {
  locale?: Locale;
  now?: () => Date;
  pageSize?: number;
  onProgress?: (progress: ExportProgress) => void;
}

export interface BuiltExport {
  bytes: Uint8Array;
  fileName: string;
  rows: number;
  photos: number;
  missingPhotos: string[];
}

/** FCFA amounts: whole francs, always written as integers. */
const MONEY_FIELDS: ReadonlySet<string> = new Set(['garment_types.defaultPrice', 'orders.price', 'orders.paid', 'payments.amount']);

type CellKind = 'money' | 'instant' | 'json' | 'boolean' | 'number' | 'text';

function kindOf(table: SyncedTableName, f: ExportField): CellKind {
  if (MONEY_FIELDS.has(`${table}.${f.field}`)) return 'money';
  if (f.stored === 'text' && (f.field === 'at' || f.field.endsWith('At') || f.field === 'currentPeriodEnd')) return 'instant';
  return f.stored;
}

const encoder = new TextEncoder();
const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `Atelier Chez Aïcha` → `atelier-chez-aicha`, for the file name. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'atelier';
}

function photoExtension(bytes: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  return 'bin';
}

export async function buildWorkshopExport(source: ExportSource, options: ExportOptions = {}): Promise<BuiltExport> {
  const locale = options.locale ?? 'fr';
  const now = (options.now ?? (() => new Date()))();
  const pageSize = options.pageSize ?? EXPORT_PAGE_LIMIT;
  const say = (key: ExportTextKey, params?: TextParams) => text(EXPORT_TEXTS, locale, key, params);
  const summary = await source.summary();
  // A zone this runtime does not know (a newer tzdata's) would stop the export: UTC then, said in the README.
  const zone = isKnownTimeZone(summary.workshop.timezone) ? summary.workshop.timezone : 'UTC';
  const rowsTotal = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  const progress: ExportProgress = { phase: 'rows', rowsDone: 0, rowsTotal, photosDone: 0, photosTotal: summary.photos.length };
  const report = () => options.onProgress?.({ ...progress });
  report();

  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else chunks.push(chunk);
    if (final || error) finish();
  });
  const add = (name: string, compress: boolean) => {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    file.mtime = now;
    zip.add(file);
    return file;
  };

  const yes = say('yes');
  const no = say('no');
  const exported: { table: SyncedTableName; rows: number }[] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    const fields = exportFields(table).map((f) => ({ ...f, kind: kindOf(table, f) }));
    const json = add(`${table}.json`, true);
    const csv = add(`${table}.csv`, true);
    csv.push(encoder.encode(CSV_BOM + csvLine(fields.map((f) => headerOf(table, f.field, locale) ?? f.field))));
    json.push(encoder.encode('['));
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const page = await source.page(table, after, pageSize);
      if (page.rows.length === 0) break;
      let jsonText = '';
      let csvText = '';
      for (const row of page.rows) {
        const out: ExportRow = {};
        const cells: (string | number | null)[] = [];
        for (const f of fields) {
          const value = row[f.field] ?? null;
          if (value === null) {
            out[f.field] = null;
            cells.push(null);
          } else if (f.kind === 'money') {
            const amount = Math.round(Number(value));
            out[f.field] = amount;
            cells.push(amount);
          } else if (f.kind === 'instant') {
            const local = localInstant(String(value), zone);
            out[f.field] = local?.iso ?? value;
            cells.push(local?.wall ?? String(value));
          } else if (f.kind === 'json') {
            out[f.field] = value;
            cells.push(JSON.stringify(value));
          } else if (f.kind === 'boolean') {
            out[f.field] = value === true;
            cells.push(value === true ? yes : no);
          } else if (f.kind === 'number') {
            out[f.field] = value;
            cells.push(typeof value === 'number' ? value : String(value));
          } else {
            out[f.field] = value;
            cells.push(String(value));
          }
        }
        jsonText += (count === 0 ? '\n' : ',\n') + JSON.stringify(out);
        csvText += csvLine(cells);
        count++;
      }
      json.push(encoder.encode(jsonText));
      csv.push(encoder.encode(csvText));
      progress.rowsDone += page.rows.length;
      report();
      after = page.last;
      if (page.rows.length < pageSize) break;
      await yieldToLoop();
    }
    json.push(encoder.encode(count === 0 ? ']\n' : '\n]\n'), true);
    csv.push(new Uint8Array(0), true);
    exported.push({ table, rows: count });
    await yieldToLoop();
  }

  progress.phase = 'photos';
  report();
  const missing: string[] = [];
  for (const hash of summary.photos) {
    const bytes = await source.photo(hash);
    if (bytes) add(`photos/${hash}.${photoExtension(bytes)}`, false).push(bytes, true);
    else missing.push(hash);
    progress.photosDone++;
    report();
    await yieldToLoop();
  }

  const readme = [
    say('readmeTitle', { workshop: summary.workshop.name }),
    '',
    say('readmeMade', { date: localInstant(now.toISOString(), zone)?.wall ?? now.toISOString() }),
    '',
    say('readmeTimes', { timezone: zone, offset: offsetLabel(zone, now) }),
    say('readmeMoney'),
    say('readmeFormats'),
    say('readmeDeleted'),
    say('readmeIds'),
    say('readmeHistory', { days: HISTORY_ON_DEMAND_AFTER_DAYS }),
    '',
    say('readmeTables'),
    ...exported.map((t) => say('readmeTable', { file: t.table, label: say(`table_${t.table}`), rows: t.rows })),
    '',
    say('readmePhotos', { count: summary.photos.length - missing.length }),
    missing.length > 0 ? say('readmeMissing', { count: missing.length }) : say('readmeMissingNone'),
    ...missing.map((hash) => `- ${hash}`),
    '',
  ].join('\r\n');
  add('README.txt', true).push(encoder.encode(CSV_BOM + readme), true);
  zip.end();
  await finished;
  if (failure) throw failure;

  const size = chunks.reduce((sum, c) => sum + c.length, 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  progress.phase = 'done';
  report();
  const day = (localInstant(now.toISOString(), zone)?.wall ?? now.toISOString()).slice(0, 10);
  return {
    bytes,
    fileName: `styliste-${fileSlug(summary.workshop.name)}-${day}.zip`,
    rows: progress.rowsDone,
    photos: summary.photos.length - missing.length,
    missingPhotos: missing,
  };
}
