import { fr, type MessageKey } from './fr.js';
import { en } from './en.js';

export type Locale = 'fr' | 'en';
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? fr[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The label of an input field, or the field name itself when the catalogue has none. */
export function fieldLabel(locale: Locale, field: string): string {
  const key = `field.${field}` as MessageKey;
  return key in fr ? t(locale, key) : field;
}
