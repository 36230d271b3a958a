import { fr, type MessageKey } from './fr.js';
import { en } from './en.js';
import { defineTexts, text, type Locale, type TextParams } from './texts.js';

export type { Locale, MessageKey };
export { defineTexts, fill, text, LOCALES, type Catalogue, type TextParams } from './texts.js';

/** The engine's catalogue (field labels, rule and error messages), shared by both hosts and the hub. */
export const messages = defineTexts<MessageKey>({ fr, en });

export function t(locale: Locale, key: MessageKey, params: TextParams = {}): string {
  return text(messages, locale, key, params);
}

/** The label of an input field, or the field name itself when the catalogue has none. */
export function fieldLabel(locale: Locale, field: string): string {
  const key = `field.${field}` as MessageKey;
  return key in fr ? t(locale, key) : field;
}
