/**
 * The public profile and the portfolio (DESIGN "Public directory", normative): the codes, their
 * names as people read them, and the schemas of the synced rows `directory_profile` (row id = the
 * workshop's id) and `portfolio_items`. The engine checks what it writes with these schemas and the
 * hub what it receives. No zod in the codes and labels part (directoryOptions.ts): the screens
 * and the public pages import that one.
 */
import { z } from 'zod';
import { deletedAtSchema, idSchema, isoDateTimeSchema, notesText, optionalText, requiredText } from '../domain/fields.js';
import { optionalPhoneSchema } from '../domain/phone.js';
import { PRICE_RANGES, SPECIALTIES } from './directoryOptions.js';

export const specialtySchema = z.enum(SPECIALTIES, { error: () => 'invalid.specialty' });
export const priceRangeSchema = z.enum(PRICE_RANGES, { error: () => 'invalid.priceRange' });

export const latitudeSchema = z
  .number({ error: () => 'invalid.latitude' })
  .min(-90, 'invalid.latitude')
  .max(90, 'invalid.latitude')
  .refine(Number.isFinite, 'invalid.latitude');
export const longitudeSchema = z
  .number({ error: () => 'invalid.longitude' })
  .min(-180, 'invalid.longitude')
  .max(180, 'invalid.longitude')
  .refine(Number.isFinite, 'invalid.longitude');

/** Each code once, in the catalogue's order. */
export const specialtiesSchema = z
  .array(specialtySchema, { error: () => 'invalid.specialties' })
  .max(SPECIALTIES.length, 'invalid.specialties')
  .transform((codes) => SPECIALTIES.filter((code) => codes.includes(code)));

export const ABOUT_MAX = 1000;
export const CAPTION_MAX = 200;

/** Every field of the `directory_profile` row, as synced (sync schema 5). */
export const directoryProfileRowSchema = z.strictObject({
  published: z.boolean({ error: () => 'invalid.yesNo' }),
  name: requiredText(120, 'invalid.workshopNameRequired'),
  city: optionalText(80),
  district: optionalText(80),
  lat: latitudeSchema.nullable(),
  lng: longitudeSchema.nullable(),
  specialties: specialtiesSchema,
  priceRange: priceRangeSchema.nullable(),
  about: notesText(ABOUT_MAX),
  whatsapp: optionalPhoneSchema,
  acceptsOrders: z.boolean({ error: () => 'invalid.yesNo' }),
  updatedAt: isoDateTimeSchema,
});

/** Every field of a `portfolio_items` row: a photo by content hash, like an order's photos (sync schema 5). */
export const portfolioItemRowSchema = z.strictObject({
  fileHash: z.string({ error: () => 'invalid.photoRef' }).regex(/^[0-9a-f]{64}$/, 'invalid.photoRefHash'),
  caption: optionalText(CAPTION_MAX),
  garmentTypeId: idSchema.nullable(),
  published: z.boolean({ error: () => 'invalid.yesNo' }),
  position: z.number({ error: () => 'invalid.position' }).int('invalid.position').min(0, 'invalid.position').max(1_000_000, 'invalid.position'),
  createdAt: isoDateTimeSchema,
  deletedAt: deletedAtSchema,
});

export type DirectoryProfileRow = z.output<typeof directoryProfileRowSchema>;
export type PortfolioItemRow = z.output<typeof portfolioItemRowSchema>;

/** What a profile lacks to be listed when published: a name is always there; a city and a position are needed. */
export function missingForListing(profile: Pick<DirectoryProfileRow, 'city' | 'lat' | 'lng'>): ('city' | 'position')[] {
  const missing: ('city' | 'position')[] = [];
  if (!profile.city) missing.push('city');
  if (profile.lat == null || profile.lng == null) missing.push('position');
  return missing;
}
