/** Money is a whole number of FCFA (XOF has no decimals). */
export function formatXof(amount: number, locale: 'fr' | 'en' = 'fr'): string {
  const formatted = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 0 }).format(amount);
  // fr-FR groups with a narrow no-break space; keep it, it never wraps inside an amount.
  return `${formatted} FCFA`;
}
