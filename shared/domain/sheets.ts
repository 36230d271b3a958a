/** Measurement sheets: a new sheet each time, older ones kept as history. */
import { z } from 'zod';
import { deletedAtSchema, idSchema, isoDateTimeSchema, notesText } from './fields.js';
import { measurementValuesSchema } from './measurements.js';
import { lengthUnitSchema } from './workshop.js';

export const sheetRowSchema = z.strictObject({
  clientId: idSchema,
  garmentTypeId: idSchema.nullable(),
  unit: lengthUnitSchema,
  values: measurementValuesSchema,
  note: notesText(1000),
  takenAt: isoDateTimeSchema,
  takenBy: idSchema.nullable(),
  deletedAt: deletedAtSchema,
});

export const recordSheetInput = z.strictObject({
  clientId: idSchema,
  garmentTypeId: idSchema.nullish().transform((v) => v ?? null),
  unit: lengthUnitSchema.optional(),
  values: measurementValuesSchema.refine((v) => Object.keys(v).length > 0, 'invalid.measuresEmpty'),
  note: notesText(1000),
});

export const sheetDraftInput = z.strictObject({
  clientId: idSchema,
  garmentTypeId: idSchema.nullish().transform((v) => v ?? null),
});

export const deleteSheetInput = z.strictObject({ id: idSchema });
