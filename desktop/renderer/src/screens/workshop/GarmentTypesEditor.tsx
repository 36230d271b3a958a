/** Garment types: default duration, price and measurement template (owner edits, others read). */
import { useState, type FormEvent } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ConfirmButton, ErrorBanner, Field } from '../../ui/components.js';
import { money } from '../../ui/format.js';
import { MEASUREMENT_CATALOGUE, MEASUREMENT_LABELS } from '../../../../../shared/domain/measurementCatalogue.js';
import type { GarmentType } from '../../../../../shared/engine/queries/settingsQueries.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Vêtements',
    name: 'Nom',
    duration: 'Durée (jours ouvrés)',
    price: 'Prix par défaut (FCFA)',
    template: 'Mesures à prendre',
    custom: 'Mesures personnalisées (une par ligne)',
    add: 'Ajouter un vêtement',
    edit: 'Modifier',
    save: 'Enregistrer',
    cancel: 'Annuler',
    remove: 'Supprimer',
    removeQuestion: 'Supprimer ce vêtement ? Les commandes existantes le gardent.',
    days: '{n} j',
    measures: '{n} mesures',
    'group.haut': 'Haut', 'group.bas': 'Bas', 'group.femme': 'Femme', 'group.general': 'Général',
  },
  en: {
    title: 'Garments',
    name: 'Name',
    duration: 'Duration (working days)',
    price: 'Default price (FCFA)',
    template: 'Measurements to take',
    custom: 'Custom measurements (one per line)',
    add: 'Add a garment',
    edit: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    remove: 'Delete',
    removeQuestion: 'Delete this garment? Existing orders keep it.',
    days: '{n} d',
    measures: '{n} measurements',
    'group.haut': 'Top', 'group.bas': 'Bottom', 'group.femme': 'Women', 'group.general': 'General',
  },
});

function keyOf(label: string): string {
  const key = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key.slice(0, 40) : `m_${key}`.slice(0, 40);
}

function GarmentForm({ garment, onDone }: { garment?: GarmentType; onDone(): void }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const create = useCommand('createGarmentType');
  const update = useCommand('updateGarmentType');
  const error = create.error ?? update.error;
  const [fields, setFields] = useState<string[]>(garment?.measurementFields ?? []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const customFields = (form.custom ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((label) => ({ key: keyOf(label), label }));
    const input = { name: form.name ?? '', durationDays: Number(form.durationDays), defaultPrice: Number(form.defaultPrice), measurementFields: fields, customFields };
    const ok = garment ? await update.run({ id: garment.id, ...input }) : await create.run(input);
    if (ok) onDone();
  };
  const groups = ['haut', 'bas', 'femme', 'general'] as const;
  return (
    <form onSubmit={submit} className="card" noValidate>
      <div className="grid three">
        <Field label={t.name} name="name" defaultValue={garment?.name} error={error} required />
        <Field label={t.duration} name="durationDays" type="number" min={0} inputMode="numeric" defaultValue={garment?.durationDays ?? 7} error={error} />
        <Field label={t.price} name="defaultPrice" type="number" min={0} inputMode="numeric" defaultValue={garment?.defaultPrice ?? 10000} error={error} />
      </div>
      <fieldset className="field">
        <legend>{t.template}</legend>
        {groups.map((group) => (
          <div key={group}>
            <strong>{t[`group.${group}`]}</strong>
            <div className="row">
              {MEASUREMENT_CATALOGUE.filter((f) => f.group === group).map((f) => (
                <label key={f.key} className="row">
                  <input type="checkbox" checked={fields.includes(f.key)} onChange={(e) => setFields(e.target.checked ? [...fields, f.key] : fields.filter((k) => k !== f.key))} />
                  {MEASUREMENT_LABELS[locale][f.key]}
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>
      <label className="field">
        <span>{t.custom}</span>
        <textarea name="custom" rows={3} defaultValue={(garment?.customFields ?? []).map((f) => f.label).join('\n')} />
      </label>
      <ErrorBanner error={error && !['name', 'durationDays', 'defaultPrice'].includes(error.field ?? '') ? error : null} />
      <div className="row">
        <button type="submit" className="primary" disabled={create.busy || update.busy}>{t.save}</button>
        <button type="button" onClick={onDone}>{t.cancel}</button>
      </div>
    </form>
  );
}

export function GarmentTypesEditor() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const owner = useCan()('garment_types', 'update');
  const garments = useQuery('garmentTypes');
  const remove = useCommand('deleteGarmentType');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  return (
    <section>
      <div className="spread">
        <h2>{t.title}</h2>
        {owner && editing === null ? <button type="button" onClick={() => setEditing('new')}>{t.add}</button> : null}
      </div>
      {editing === 'new' ? <GarmentForm onDone={() => setEditing(null)} /> : null}
      <ErrorBanner error={remove.error} />
      <ul className="list card">
        {(garments.data ?? []).map((g) =>
          editing === g.id ? (
            <li key={g.id}><GarmentForm garment={g} onDone={() => setEditing(null)} /></li>
          ) : (
            <li key={g.id} className="spread">
              <span>
                <strong>{g.name}</strong> <span className="muted">· {fill(t.days, { n: g.durationDays })} · {money(g.defaultPrice, locale)} · {fill(t.measures, { n: g.measurementFields.length + g.customFields.length })}</span>
              </span>
              {owner ? (
                <span className="row">
                  <button type="button" className="small" onClick={() => setEditing(g.id)}>{t.edit}</button>
                  <ConfirmButton label={t.remove} question={t.removeQuestion} confirm={t.remove} cancel={t.cancel} className="small danger" onConfirm={() => void remove.run({ id: g.id })} />
                </span>
              ) : null}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
