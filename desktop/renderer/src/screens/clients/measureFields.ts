/** Helpers of the measurement sheet form: grouping, number parsing, which field an engine error names. */
import { MEASUREMENT_CATALOGUE, fieldLabel, type MeasurementGroup } from '../../../../../shared/domain/measurementCatalogue.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import { LOCALES } from '../../../../../shared/i18n/texts.js';
import { decimal } from '../../ui/format.js';
import type { Locale } from '../../app/locale.js';

export type GroupKey = MeasurementGroup | 'custom';
export const GROUP_ORDER: readonly GroupKey[] = ['haut', 'bas', 'femme', 'general', 'custom'];

const GROUP_OF: ReadonlyMap<string, MeasurementGroup> = new Map(MEASUREMENT_CATALOGUE.map((m) => [m.key, m.group]));

export type CustomFields = readonly { key: string; label: string }[];

/** The keys grouped haut / bas / femme / général / the workshop's own, keeping their order. */
export function groupKeys(keys: readonly string[]): { group: GroupKey; keys: string[] }[] {
  return GROUP_ORDER.map((group) => ({ group, keys: keys.filter((k) => (GROUP_OF.get(k) ?? 'custom') === group) })).filter((g) => g.keys.length > 0);
}

/** '12,5' or '12.5' → 12.5; blank → null; anything else → NaN (the engine says what is wrong). */
export function parseMeasure(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return null;
  return /^\d*\.?\d+$|^\d+\.$/.test(compact) ? Number(compact) : Number.NaN;
}

export function showMeasure(value: number, locale: Locale): string {
  return decimal(value, locale);
}

/**
 * The engine names the field `values` for a bad measurement and puts the measurement's label in
 * its message (« Tour de cou : la valeur doit être un nombre positif »): find which one.
 */
export function erroredKey(error: HostErrorShape | null, keys: readonly string[], custom: CustomFields): string | null {
  if (!error) return null;
  if (error.field && keys.includes(error.field)) return error.field;
  if (error.field !== 'values') return null;
  const candidates = keys
    .flatMap((key) => LOCALES.map((locale) => ({ key, label: fieldLabel(key, locale, custom) })))
    .sort((a, b) => b.label.length - a.label.length);
  return candidates.find((c) => error.message.includes(`${c.label} :`) || error.message.includes(`${c.label}:`))?.key
    ?? candidates.find((c) => error.message.includes(`« ${c.key} »`))?.key
    ?? null;
}
