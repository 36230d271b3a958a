/**
 * The measurement catalogue (West-African tailoring, French first), garment defaults for Bénin,
 * length units and the validation of a measurement sheet's values. Pure TypeScript.
 */
import { z } from 'zod';
import { MEASUREMENT_CATALOGUE, fieldLabel, isCatalogueKey } from './measurementCatalogue.js';
import { safeString } from './fields.js';

export * from './measurementCatalogue.js';

export const measurementFieldKeySchema = z
  .string({ error: () => 'Identifiant de mesure manquant' })
  .min(2, "L'identifiant de mesure doit contenir au moins 2 caractères")
  .max(40, "L'identifiant de mesure doit contenir 40 caractères au plus")
  .regex(/^[a-z0-9_]+$/, "L'identifiant de mesure ne peut contenir que des lettres minuscules sans accent, des chiffres et « _ »")
  .regex(/^[a-z]/, "L'identifiant de mesure doit commencer par une lettre");

export const customMeasurementFieldSchema = z.object({
  key: measurementFieldKeySchema,
  label: safeString('line', { error: () => 'Libellé de la mesure manquant' })
    .trim()
    .min(1, 'Le libellé de la mesure est obligatoire')
    .max(60, 'Le libellé de la mesure doit contenir 60 caractères au plus'),
});
export type CustomMeasurementField = z.output<typeof customMeasurementFieldSchema>;
export const MAX_MEASUREMENT_VALUE = 400;

/**
 * Schema of a sheet's values (key → positive number ≤ 400), with French messages naming the
 * field. Pass the workshop's custom fields so that their labels appear in messages too.
 */
export function makeMeasurementValuesSchema(custom?: readonly { key: string; label: string }[]) {
  return z
    .record(z.string(), z.unknown(), { error: () => 'Les mesures doivent être une liste de valeurs' })
    .superRefine((values, ctx) => {
      for (const [key, value] of Object.entries(values)) {
        if (!measurementFieldKeySchema.safeParse(key).success) {
          ctx.addIssue({ code: 'custom', path: [key], message: `« ${key} » : identifiant de mesure invalide` });
          continue;
        }
        const label = fieldLabel(key, 'fr', custom);
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${label} : la valeur doit être un nombre positif` });
        } else if (value > MAX_MEASUREMENT_VALUE) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${label} : la valeur ne doit pas dépasser ${MAX_MEASUREMENT_VALUE}` });
        }
      }
    })
    .transform((values) => values as Record<string, number>);
}

export const measurementValuesSchema = makeMeasurementValuesSchema();
