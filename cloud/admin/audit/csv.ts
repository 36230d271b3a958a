/**
 * The audit log as CSV, written by the project's one CSV writer (shared/export/csv.ts: `;`, CRLF,
 * a BOM for French Excel, a formula-like cell made harmless): the header in French, one line per
 * entry, the date in UTC, before/after/detail as their JSON.
 */
import { CSV_BOM, csvLine } from '../../../shared/export/csv.js';
import { defineTexts, text, type Locale } from '../../../shared/i18n/texts.js';
import type { AuditEntryView } from './schemas.js';

const headerTexts = defineTexts({
  fr: { at: 'Date (UTC)', admin: 'Administrateur', action: 'Action', target: 'Cible', workshop: 'Atelier', reason: 'Motif', before: 'Avant', after: 'Après', detail: 'Détail', ip: 'Adresse IP' },
  en: { at: 'Date (UTC)', admin: 'Admin', action: 'Action', target: 'Target', workshop: 'Workshop', reason: 'Reason', before: 'Before', after: 'After', detail: 'Detail', ip: 'IP address' },
});

const COLUMNS = ['at', 'admin', 'action', 'target', 'workshop', 'reason', 'before', 'after', 'detail', 'ip'] as const;

/** The BOM and the header line. */
export function auditCsvHead(locale: Locale = 'fr'): string {
  return CSV_BOM + csvLine(COLUMNS.map((column) => text(headerTexts, locale, column)));
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export function auditCsvLine(entry: AuditEntryView): string {
  return csvLine([
    entry.at.slice(0, 19).replace('T', ' '),
    entry.adminEmail,
    entry.actionLabel,
    entry.targetType ? `${entry.targetType}${entry.targetId ? ` ${entry.targetId}` : ''}` : null,
    entry.workshopName ?? entry.workshopId,
    entry.reason,
    json(entry.before),
    json(entry.after),
    json(entry.detail),
    entry.ip,
  ]);
}

/** The export's file name: `journal-admin-2036-05-04.csv`. */
export function auditCsvFileName(day: string): string {
  return `journal-admin-${day}.csv`;
}
