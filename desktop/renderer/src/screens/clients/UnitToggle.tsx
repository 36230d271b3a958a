/** cm / inches switch (the sheet is saved in the unit shown). */
import { useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { LengthUnit } from '../../../../../shared/domain/measurementCatalogue.js';

const TEXTS = defineTexts({
  fr: { unit: 'Unité', cm: 'cm', in: 'pouces' },
  en: { unit: 'Unit', cm: 'cm', in: 'inches' },
});

export function UnitToggle({ unit, onChange }: { unit: LengthUnit; onChange(unit: LengthUnit): void }) {
  const t = useTexts(TEXTS);
  return (
    <div className="row">
      <span id="unit-label" className="muted">{t.unit}</span>
      <div className="unit-toggle" role="group" aria-labelledby="unit-label">
        {(['cm', 'in'] as const).map((u) => (
          <button key={u} type="button" aria-pressed={unit === u} onClick={() => onChange(u)}>
            {t[u]}
          </button>
        ))}
      </div>
    </div>
  );
}
