/** Workshop settings and garment types (the owner's settings). */
import { z } from 'zod';
import { optionalPhoneSchema } from './phone.js';
import { isoDateSchema, isoDateTimeSchema, moneySchema, optionalText, requiredText, timezoneSchema, deletedAtSchema, idSchema } from './fields.js';
import { customMeasurementFieldSchema, measurementFieldKeySchema } from './measurements.js';

export const lengthUnitSchema = z.enum(['cm', 'in'], { error: () => 'Unité inconnue (cm ou pouces)' });

export const workingDaysSchema = z
  .array(z.number().int().min(1).max(7), { error: () => 'Jours ouvrés attendus (1 = lundi … 7 = dimanche)' })
  .min(1, "Choisissez au moins un jour d'ouverture")
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'Un jour est répété')
  .transform((days) => [...days].sort((a, b) => a - b));

export const closingDaysSchema = z
  .array(isoDateSchema)
  .max(400, '400 jours de fermeture au plus')
  .transform((days) => [...new Set(days)].sort());

export const capacitySchema = z
  .number({ error: () => 'Capacité attendue (nombre de commandes en cours)' })
  .int('La capacité doit être un nombre entier')
  .min(1, 'La capacité doit être au moins 1')
  .max(10_000, 'Capacité trop élevée');

export const durationDaysSchema = z
  .number({ error: () => 'Durée attendue en jours' })
  .int('La durée doit être un nombre entier de jours')
  .min(0, 'La durée ne peut pas être négative')
  .max(365, 'Durée trop longue (365 jours au plus)');

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Code pays à deux lettres attendu (ex. BJ)');

/** Every field of the workshop row, as synced. */
export const workshopRowSchema = z.strictObject({
  name: requiredText(120, "Le nom de l'atelier est obligatoire"),
  phone: optionalPhoneSchema,
  city: optionalText(80),
  country: countrySchema,
  timezone: timezoneSchema,
  currency: z.literal('XOF', { error: () => 'Seul le franc CFA (XOF) est pris en charge' }),
  workingDays: workingDaysSchema,
  closingDays: closingDaysSchema,
  capacity: capacitySchema,
  unit: lengthUnitSchema,
  createdAt: isoDateTimeSchema,
});

export const garmentTypeFieldsSchema = z.strictObject({
  name: requiredText(80, 'Le nom du vêtement est obligatoire'),
  durationDays: durationDaysSchema,
  defaultPrice: moneySchema,
  measurementFields: z.array(measurementFieldKeySchema).max(80, '80 mesures au plus'),
  customFields: z.array(customMeasurementFieldSchema).max(40, '40 mesures personnalisées au plus'),
  position: z.number().int().min(0).max(10_000),
});

export const garmentTypeRowSchema = garmentTypeFieldsSchema.extend({ deletedAt: deletedAtSchema });

export const setupWorkshopInput = z.strictObject({
  name: requiredText(120, "Le nom de l'atelier est obligatoire"),
  ownerName: requiredText(120, 'Le nom du propriétaire est obligatoire'),
  phone: optionalPhoneSchema,
  city: optionalText(80),
  country: countrySchema.default('BJ'),
  timezone: timezoneSchema.default('Africa/Porto-Novo'),
  workingDays: workingDaysSchema.default([1, 2, 3, 4, 5, 6]),
  closingDays: closingDaysSchema.default([]),
  capacity: capacitySchema.default(15),
  unit: lengthUnitSchema.default('cm'),
  /** Seed the default garment types (chemise, boubou, robe…). */
  withDefaultGarments: z.boolean().default(true),
});

export const updateSettingsInput = workshopRowSchema.omit({ createdAt: true, currency: true }).partial().strict();

export const createGarmentTypeInput = garmentTypeFieldsSchema.extend({
  position: garmentTypeFieldsSchema.shape.position.default(0),
  measurementFields: garmentTypeFieldsSchema.shape.measurementFields.default([]),
  customFields: garmentTypeFieldsSchema.shape.customFields.default([]),
});

export const updateGarmentTypeInput = garmentTypeFieldsSchema.partial().extend({ id: idSchema });

export const deleteGarmentTypeInput = z.strictObject({ id: idSchema });

export type SetupWorkshopInput = z.input<typeof setupWorkshopInput>;
