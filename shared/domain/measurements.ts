/**
 * The measurement catalogue (West-African tailoring, French first), garment defaults for Bénin,
 * length units and the validation of a measurement sheet's values. Pure TypeScript.
 */
import { z } from 'zod';
import { MEASUREMENT_LABELS, isCatalogueKey } from './measurementCatalogue.js';
import { safeString } from './fields.js';
import { textRef } from './validation.js';

export * from './measurementCatalogue.js';

export const measurementFieldKeySchema = z
  .string({ error: () => 'invalid.measureKeyMissing' })
  .min(2, 'invalid.measureKeyTooShort')
  .max(40, 'invalid.measureKeyTooLong')
  .regex(/^[a-z0-9_]+$/, 'invalid.measureKeyChars')
  .regex(/^[a-z]/, 'invalid.measureKeyStart');

export const customMeasurementFieldSchema = z.object({
  key: measurementFieldKeySchema,
  label: safeString('line', { error: () => 'invalid.measureLabelMissing' })
    .trim()
    .min(1, 'invalid.measureLabelRequired')
    .max(60, 'invalid.measureLabelTooLong'),
});
export type CustomMeasurementField = z.output<typeof customMeasurementFieldSchema>;
export const MAX_MEASUREMENT_VALUE = 400;

/**
 * Schema of a sheet's values (key → positive number ≤ 400), with messages naming the measurement
 * in the reader's language (a catalogue measurement by its name there, a custom one by the label
 * the workshop gave it). Pass the workshop's custom fields so that their labels appear too.
 */
export function makeMeasurementValuesSchema(custom?: readonly { key: string; label: string }[]) {
  return z
    .record(z.string(), z.unknown(), { error: () => 'invalid.measureValues' })
    .superRefine((values, ctx) => {
      for (const [key, value] of Object.entries(values)) {
        if (!measurementFieldKeySchema.safeParse(key).success) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'invalid.measureKey', params: { key } });
          continue;
        }
        const label = isCatalogueKey(key) ? textRef(MEASUREMENT_LABELS, key) : (custom?.find((c) => c.key === key)?.label ?? key);
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'invalid.measureNotPositive', params: { label } });
        } else if (value > MAX_MEASUREMENT_VALUE) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'invalid.measureTooHigh', params: { label, max: MAX_MEASUREMENT_VALUE } });
        }
      }
    })
    .transform((values) => values as Record<string, number>);
}

export const measurementValuesSchema = makeMeasurementValuesSchema();
