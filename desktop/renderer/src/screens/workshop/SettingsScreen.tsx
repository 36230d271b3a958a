/**
 * The workshop's settings (owner): name, phone, city, working and closing days, capacity, unit,
 * the garment types, and the way to the messages to clients ('settings/messages'). Shown as the
 * first-run set-up right after sign-up ('setup').
 */
import { useState, type FormEvent } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { useCan } from '../../app/session.js';
import { useLocale, useTexts } from '../../app/locale.js';
import { longDay } from '../../ui/format.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { href, navigate } from '../../app/router.js';
import { ErrorBanner, Field, Loading, Page, Select } from '../../ui/components.js';
import { GarmentTypesEditor } from './GarmentTypesEditor.js';
import { ExportData } from './ExportData.js';
import { SupportAccessSection } from './SupportAccessSection.js';
import type { WorkshopSettings } from '../../../../../shared/engine/queries/settingsQueries.js';

export const SETTINGS_TEXTS = defineTexts({
  fr: {
    title: 'Réglages de l’atelier',
    setupTitle: 'Bienvenue ! Vérifiez les réglages de votre atelier',
    setupIntro: 'Des valeurs courantes sont déjà remplies : changez ce qui ne correspond pas, puis terminez. Tout reste modifiable plus tard.',
    name: 'Nom de l’atelier',
    phone: 'Téléphone de l’atelier',
    city: 'Ville',
    workingDays: 'Jours de travail',
    day1: 'lundi', day2: 'mardi', day3: 'mercredi', day4: 'jeudi', day5: 'vendredi', day6: 'samedi', day7: 'dimanche',
    closingDays: 'Jours de fermeture (fêtes, congés)',
    addClosing: 'Ajouter',
    remove: 'Retirer',
    capacity: 'Capacité (commandes en cours que l’atelier peut tenir)',
    unit: 'Unité des mesures',
    cm: 'Centimètres',
    inches: 'Pouces',
    save: 'Enregistrer',
    saved: 'Réglages enregistrés.',
    finish: 'Terminer et ouvrir l’atelier',
    readOnly: 'Seul le propriétaire peut modifier ces réglages.',
    messages: 'Messages aux clients',
    messagesHint: 'Messages automatiques (commande prête, rappel d’essayage, reste à payer…), leurs textes, l’écriture des SMS et les crédits.',
    messagesOpen: 'Régler les messages',
  },
  en: {
    title: 'Workshop settings',
    setupTitle: 'Welcome! Check your workshop’s settings',
    setupIntro: 'Common values are already filled in: change what does not fit, then finish. Everything can be changed later.',
    name: 'Workshop name',
    phone: 'Workshop phone',
    city: 'City',
    workingDays: 'Working days',
    day1: 'Monday', day2: 'Tuesday', day3: 'Wednesday', day4: 'Thursday', day5: 'Friday', day6: 'Saturday', day7: 'Sunday',
    closingDays: 'Closing days (holidays, leave)',
    addClosing: 'Add',
    remove: 'Remove',
    capacity: 'Capacity (active orders the workshop can handle)',
    unit: 'Measurement unit',
    cm: 'Centimetres',
    inches: 'Inches',
    save: 'Save',
    saved: 'Settings saved.',
    finish: 'Finish and open the workshop',
    readOnly: 'Only the owner can change these settings.',
    messages: 'Messages to clients',
    messagesHint: 'Automatic messages (order ready, fitting reminder, balance due…), their texts, how SMS are written, and the credits.',
    messagesOpen: 'Set up messages',
  },
});

/** ISO weekdays, Monday = 1 … Sunday = 7 (as the workshop's working days are stored). */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const UNITS = ['cm', 'in'] as const;
function isUnit(value: string | undefined): value is (typeof UNITS)[number] {
  return (UNITS as readonly (string | undefined)[]).includes(value);
}

function SettingsForm({ settings, setup }: { settings: WorkshopSettings; setup: boolean }) {
  const t = useTexts(SETTINGS_TEXTS);
  const { locale } = useLocale();
  const owner = useCan()('workshop', 'update');
  const save = useCommand('updateSettings');
  const [workingDays, setWorkingDays] = useState<number[]>(settings.workingDays);
  const [closingDays, setClosingDays] = useState<string[]>(settings.closingDays);
  const [newClosing, setNewClosing] = useState('');
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    setSaved(false);
    const result = await save.run({
      name: form.name ?? '',
      phone: form.phone ?? '',
      city: form.city ?? '',
      workingDays,
      closingDays,
      capacity: Number(form.capacity),
      unit: isUnit(form.unit) ? form.unit : undefined,
    });
    if (result) {
      setSaved(true);
      if (setup) navigate('today');
    }
  };

  return (
    <form onSubmit={submit} className="card" noValidate>
      {!owner ? <p className="muted">{t.readOnly}</p> : null}
      <fieldset disabled={!owner} style={{ border: 'none', padding: 0, margin: 0 }}>
        <div className="grid two">
          <Field label={t.name} name="name" defaultValue={settings.name} error={save.error} required />
          <Field label={t.phone} name="phone" type="tel" defaultValue={settings.phone ?? ''} error={save.error} />
          <Field label={t.city} name="city" defaultValue={settings.city ?? ''} error={save.error} />
          <Field label={t.capacity} name="capacity" type="number" min={1} inputMode="numeric" defaultValue={settings.capacity} error={save.error} />
          <Select label={t.unit} name="unit" defaultValue={settings.unit} options={[{ value: 'cm', label: t.cm }, { value: 'in', label: t.inches }]} error={save.error} />
        </div>
        <fieldset className="field">
          <legend>{t.workingDays}</legend>
          <div className="row">
            {WEEKDAYS.map((d) => (
              <label key={d} className="row">
                <input
                  type="checkbox"
                  checked={workingDays.includes(d)}
                  onChange={(e) => setWorkingDays(e.target.checked ? [...workingDays, d].sort() : workingDays.filter((x) => x !== d))}
                />
                {t[`day${d}`]}
              </label>
            ))}
          </div>
          {save.error?.field === 'workingDays' ? <small className="field-error">{save.error.message}</small> : null}
        </fieldset>
        <fieldset className="field">
          <legend>{t.closingDays}</legend>
          <ul className="list">
            {closingDays.map((d) => (
              <li key={d} className="spread">
                {longDay(d, locale)}
                <button type="button" className="small" onClick={() => setClosingDays(closingDays.filter((x) => x !== d))}>
                  {t.remove}
                </button>
              </li>
            ))}
          </ul>
          <div className="row">
            <input type="date" aria-label={t.closingDays} value={newClosing} onChange={(e) => setNewClosing(e.target.value)} />
            <button type="button" className="small" disabled={!newClosing} onClick={() => { setClosingDays([...new Set([...closingDays, newClosing])].sort()); setNewClosing(''); }}>
              {t.addClosing}
            </button>
          </div>
        </fieldset>
        <ErrorBanner error={save.error && !['name', 'phone', 'city', 'capacity', 'unit', 'workingDays'].includes(save.error.field ?? '') ? save.error : null} />
        {saved ? <p className="badge ok" role="status">{t.saved}</p> : null}
        <button type="submit" className="primary" disabled={save.busy}>
          {setup ? t.finish : t.save}
        </button>
      </fieldset>
    </form>
  );
}

export function SettingsScreen({ setup = false }: { setup?: boolean }) {
  const t = useTexts(SETTINGS_TEXTS);
  const settings = useQuery('settings');
  if (!settings.data) return settings.error ? <ErrorBanner error={settings.error} /> : <Loading />;
  return (
    <Page title={setup ? t.setupTitle : t.title}>
      {setup ? <p className="muted">{t.setupIntro}</p> : null}
      <SettingsForm key={settings.data.id} settings={settings.data} setup={setup} />
      {!setup ? (
        <section className="card spread" aria-labelledby="settings-messages-title">
          <div>
            <h2 id="settings-messages-title" style={{ marginTop: 0 }}>{t.messages}</h2>
            <p className="muted" style={{ margin: 0 }}>{t.messagesHint}</p>
          </div>
          <a className="btn-link" href={href('settings/messages')}>{t.messagesOpen}</a>
        </section>
      ) : null}
      <GarmentTypesEditor />
      {!setup ? <ExportData /> : null}
      {!setup ? <SupportAccessSection timeZone={settings.data.timezone} /> : null}
    </Page>
  );
}
