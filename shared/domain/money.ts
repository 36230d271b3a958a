/** Money is a whole number of FCFA (XOF has no decimals). */
import { defineTexts, text, type Locale } from '../i18n/texts.js';

/** How each language groups an amount, and where the currency goes. */
const MONEY_TEXTS = defineTexts({
  fr: { intl: 'fr-FR', amount: '{amount} FCFA' },
  en: { intl: 'en-US', amount: '{amount} FCFA' },
});

/** One formatter per locale (creating an Intl.NumberFormat costs far more than using one). */
const FORMATTERS = new Map<Locale, Intl.NumberFormat>();

export function formatXof(amount: number, locale: Locale = 'fr'): string {
  // fr-FR groups with a narrow no-break space; keep it, it never wraps inside an amount.
  let formatter = FORMATTERS.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(MONEY_TEXTS[locale].intl, { maximumFractionDigits: 0 });
    FORMATTERS.set(locale, formatter);
  }
  const formatted = formatter.format(amount);
  return text(MONEY_TEXTS, locale, 'amount', { amount: formatted });
}
