/**
 * The one text style of Styliste, in the app, the engine and the cloud alike.
 *
 * A catalogue is `{ fr: {...}, en: {...} }`: French first (the default language), English with
 * exactly the same keys (`defineTexts` checks it at compile time). Values are plain strings;
 * `{name}` marks a placeholder, and `fill` is the only place that puts values into them. No text
 * is written anywhere else: no `{fr, en}` pair per key, no French-only literal, no
 * `locale === 'fr' ? … : …` in code, no function inside a catalogue.
 */
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

export type TextParams = Record<string, string | number>;

export type Catalogue<K extends string> = { readonly fr: Readonly<Record<K, string>>; readonly en: Readonly<Record<K, string>> };

/** A catalogue, its English keys checked against the French ones. */
export function defineTexts<const K extends string>(texts: { fr: Record<K, string>; en: NoInfer<Record<K, string>> }): Catalogue<K> {
  return texts;
}

/** Puts the values into a text's `{name}` placeholders; an unknown placeholder stays as written. */
export function fill(template: string, params: TextParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** One text of a catalogue, in a language, with its placeholders filled. */
export function text<K extends string>(catalogue: Catalogue<K>, locale: Locale, key: K, params?: TextParams): string {
  return fill(catalogue[locale][key] ?? catalogue.fr[key], params);
}
