/** Workshop settings and garment types (the owner's settings). */
import { z } from 'zod';
import { optionalPhoneSchema } from './phone.js';
import { isoDateSchema, isoDateTimeSchema, moneySchema, optionalText, requiredText, timezoneSchema, deletedAtSchema, idSchema } from './fields.js';
import { customMeasurementFieldSchema, measurementFieldKeySchema } from './measurements.js';

export const lengthUnitSchema = z.enum(['cm', 'in'], { error: () => 'invalid.unit' });

export const workingDaysSchema = z
  .array(z.number().int().min(1).max(7), { error: () => 'invalid.workingDays' })
  .min(1, 'invalid.workingDaysEmpty')
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'invalid.dayRepeated')
  .transform((days) => [...days].sort((a, b) => a - b));

export const closingDaysSchema = z
  .array(isoDateSchema)
  .max(400, 'invalid.closingDaysTooMany')
  .transform((days) => [...new Set(days)].sort());

export const capacitySchema = z
  .number({ error: () => 'invalid.capacityMissing' })
  .int('invalid.capacityWhole')
  .min(1, 'invalid.capacityMin')
  .max(10_000, 'invalid.capacityTooHigh');

export const durationDaysSchema = z
  .number({ error: () => 'invalid.durationMissing' })
  .int('invalid.durationWhole')
  .min(0, 'invalid.durationNegative')
  .max(365, 'invalid.durationTooLong');

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'invalid.country');

/** Every field of the workshop row, as synced. */
export const workshopRowSchema = z.strictObject({
  name: requiredText(120, 'invalid.workshopNameRequired'),
  phone: optionalPhoneSchema,
  city: optionalText(80),
  country: countrySchema,
  timezone: timezoneSchema,
  currency: z.literal('XOF', { error: () => 'invalid.currency' }),
  workingDays: workingDaysSchema,
  closingDays: closingDaysSchema,
  capacity: capacitySchema,
  unit: lengthUnitSchema,
  createdAt: isoDateTimeSchema,
  /**
   * SMS text rewritten to the GSM-7 alphabet ("Aïcha" → "Aicha": 160 characters a part instead
   * of 70). Added in sync schema 3: optional in a new row, absent means on.
   */
  smsGsm7: z.boolean({ error: () => 'invalid.yesNo' }).optional(),
  /** Days an order stays ready with a balance before the balance reminder (sync schema 3; absent: 3). */
  balanceReminderDays: z.number({ error: () => 'invalid.reminderDays' }).int('invalid.reminderDays').min(1, 'invalid.reminderDays').max(60, 'invalid.reminderDays').optional(),
});

export const garmentTypeFieldsSchema = z.strictObject({
  name: requiredText(80, 'invalid.garmentNameRequired'),
  durationDays: durationDaysSchema,
  defaultPrice: moneySchema,
  measurementFields: z.array(measurementFieldKeySchema).max(80, 'invalid.measuresTooMany'),
  customFields: z.array(customMeasurementFieldSchema).max(40, 'invalid.customMeasuresTooMany'),
  position: z.number().int().min(0).max(10_000),
});

export const garmentTypeRowSchema = garmentTypeFieldsSchema.extend({ deletedAt: deletedAtSchema });

export const setupWorkshopInput = z.strictObject({
  name: requiredText(120, 'invalid.workshopNameRequired'),
  ownerName: requiredText(120, 'invalid.ownerNameRequired'),
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
