/** A new measurement sheet, pre-filled from the last one; cm or inches; big decimal inputs for phones. */
import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../ui/components.js';
import { SelectField, TextField } from '../../ui/fields.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { useCommand } from '../../app/data.js';
import { MEASUREMENT_CATALOGUE, convertLength, fieldLabel, type LengthUnit } from '../../../../../shared/domain/measurementCatalogue.js';
import { erroredKey, groupKeys, parseMeasure, showMeasure, type CustomFields } from './measureFields.js';
import { UnitToggle } from './UnitToggle.js';

const TEXTS = defineTexts({
  fr: {
    'group.haut': 'Haut', 'group.bas': 'Bas', 'group.femme': 'Femme', 'group.general': 'Général', 'group.custom': 'Mesures de l’atelier',
    inch: 'po', cm: 'cm', add: 'Ajouter une mesure', choose: 'Choisir…', note: 'Remarque', save: 'Enregistrer les mesures',
    prefilled: 'Pré-rempli avec la fiche du {date} : corrigez ce qui a changé.', fresh: 'Première fiche pour ce modèle.',
    empty: 'Ce modèle n’a pas de mesures prévues : ajoutez-en avec « Ajouter une mesure ».',
  },
  en: {
    'group.haut': 'Top', 'group.bas': 'Bottom', 'group.femme': 'Women', 'group.general': 'General', 'group.custom': 'Workshop measurements',
    inch: 'in', cm: 'cm', add: 'Add a measurement', choose: 'Choose…', note: 'Note', save: 'Save the measurements',
    prefilled: 'Pre-filled from the sheet of {date}: correct what has changed.', fresh: 'First sheet for this garment.',
    empty: 'This garment has no planned measurements: add some with “Add a measurement”.',
  },
});

export interface SheetDraft {
  garmentTypeId: string | null;
  unit: LengthUnit | null;
  values: Record<string, number | null>;
  customFields: CustomFields;
  lastTakenAt: string | null;
}

function MeasureInput({ id, label, unit, value, error, onChange }: { id: string; label: string; unit: string; value: string; error: string | null; onChange(v: string): void }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}><span>{label}</span></label>
      <div className="row" style={{ flexWrap: 'nowrap', gap: '0.3rem' }}>
        <input
          id={id} name={id.replace(/^m-/, '')} type="text" inputMode="decimal" autoComplete="off" value={value}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <span className="muted" aria-hidden="true">{unit}</span>
      </div>
      {error ? <small className="field-error" id={`${id}-error`}>{error}</small> : null}
    </div>
  );
}

export function SheetForm({ clientId, draft, defaultUnit, lastTakenLabel, onSaved }: {
  clientId: string;
  draft: SheetDraft;
  defaultUnit: LengthUnit;
  lastTakenLabel: string | null;
  onSaved(): void;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const record = useCommand('recordMeasurements');
  const [unit, setUnit] = useState<LengthUnit>(draft.unit ?? defaultUnit);
  const [keys, setKeys] = useState<string[]>(() => Object.keys(draft.values));
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(draft.values).map(([k, v]) => [k, v === null ? '' : showMeasure(v, locale)])),
  );
  const [note, setNote] = useState('');
  const custom = draft.customFields;
  const label = (key: string) => fieldLabel(key, locale, custom);

  const switchUnit = (next: LengthUnit) => {
    if (next === unit) return;
    setTexts((current) => Object.fromEntries(Object.entries(current).map(([k, text]) => {
      const n = parseMeasure(text);
      return [k, n === null || Number.isNaN(n) ? text : showMeasure(convertLength(n, unit, next), locale)];
    })));
    setUnit(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values: Record<string, number | string> = {};
    for (const key of keys) {
      const text = texts[key] ?? '';
      const n = parseMeasure(text);
      if (n === null) continue;
      values[key] = Number.isNaN(n) ? text.trim() : n;
    }
    const saved = await record.run({ clientId, garmentTypeId: draft.garmentTypeId, unit, values, note });
    if (saved) onSaved();
  };

  const badKey = erroredKey(record.error, keys, custom);
  const otherError = record.error && !badKey && record.error.field !== 'note' ? record.error : null;
  const addable = MEASUREMENT_CATALOGUE.filter((m) => !keys.includes(m.key));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="spread" style={{ flexWrap: 'wrap' }}>
        <p className="muted" style={{ margin: 0 }}>{lastTakenLabel ? fill(t.prefilled, { date: lastTakenLabel }) : t.fresh}</p>
        <UnitToggle unit={unit} onChange={switchUnit} />
      </div>
      {keys.length === 0 ? <p className="empty">{t.empty}</p> : null}
      {groupKeys(keys).map((g) => (
        <fieldset key={g.group} className="measure-group" style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend><h3>{t[`group.${g.group}`]}</h3></legend>
          <div className="measure-grid">
            {g.keys.map((key) => (
              <MeasureInput
                key={key} id={`m-${key}`} label={label(key)} unit={unit === 'in' ? t.inch : t.cm} value={texts[key] ?? ''}
                error={badKey === key && record.error ? record.error.message : null}
                onChange={(v) => setTexts((cur) => ({ ...cur, [key]: v }))}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <SelectField
        id="add-measure" label={t.add} name="addMeasure" value=""
        options={[{ value: '', label: t.choose }, ...addable.map((m) => ({ value: m.key, label: fieldLabel(m.key, locale) }))]}
        onChange={(e) => { const k = e.target.value; if (k) setKeys((cur) => [...cur, k]); }}
      />
      <TextField id="sheet-note" label={t.note} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={record.error} autoComplete="off" />
      <ErrorBanner error={otherError} />
      <button type="submit" className="primary" disabled={record.busy}>{t.save}</button>
    </form>
  );
}
