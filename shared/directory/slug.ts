/**
 * Public addresses of profiles (`/s/<slug>`) and of city pages (`/annuaire/<ville>`): lowercase
 * Latin letters, digits and dashes, from the name and the city, accents dropped ("Atelier Éden",
 * "Porto-Novo" → `atelier-eden-porto-novo`). Uniqueness is the hub's (cloud/directory/slugsSql.ts):
 * the first free of `base`, `base-2`, `base-3`…
 */
import { normalizeForSearch } from '../domain/text.js';

export const SLUG_MAX = 60;
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `'Couture Aïcha & Fils'` → `'couture-aicha-fils'`; '' when nothing is left. */
export function slugify(text: string): string {
  const slug = normalizeForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, SLUG_MAX).replace(/-+$/, '');
}

/** The slug a profile wants: its name and city, or `atelier` when both give nothing. */
export function baseSlug(name: string, city: string | null): string {
  return slugify(city ? `${name} ${city}` : name) || 'atelier';
}

/** The n-th candidate (1: the base itself; then `base-2`, `base-3`…), never longer than SLUG_MAX. */
export function slugCandidate(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** Whether a path segment could be a slug at all (anything else is a 404 without a query). */
export function isSlug(value: string): boolean {
  return value.length > 0 && value.length <= SLUG_MAX + 8 && SLUG_RE.test(value);
}
