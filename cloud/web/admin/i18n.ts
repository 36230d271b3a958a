/**
 * The portal's words come from defineTexts catalogues (texts/*.ts, French first, the project's
 * one text style); the portal speaks French, as the admins do and as the API answers them.
 */
import { text, type Catalogue, type Locale, type TextParams } from '../../../shared/i18n/texts.js';

export const LOCALE: Locale = 'fr';

/** The catalogue's texts in the portal's language: `t('key', { name })`. */
export function translator<K extends string>(catalogue: Catalogue<K>): (key: K, params?: TextParams) => string {
  return (key, params) => text(catalogue, LOCALE, key, params);
}
