/**
 * The workshop's message settings (owner): the GSM-7 rewrite of SMS (on by default; it shows what
 * an SMS becomes with it) and after how many days a ready order with a balance gets its reminder.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useCommand } from '../../app/data.js';
import { fill, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ErrorBanner } from '../../ui/components.js';
import type { WorkshopSettings } from '../../../../../shared/engine/queries/settingsQueries.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Réglages des messages',
    gsm7: 'SMS sans les accents que l’alphabet SMS n’a pas (GSM-7)',
    gsm7Hint: 'Un SMS en GSM-7 tient 160 caractères ; un seul « ï » ou « ê » le fait passer à 70, soit souvent 2 crédits au lieu d’un. Les e-mails et WhatsApp gardent leurs accents.',
    example: 'Avec ce réglage, {before} devient {after}.',
    exampleOff: 'Sans ce réglage, {before} part tel quel, à 70 caractères par SMS.',
    before: '« Aïcha, votre tenue est prête »',
    after: '« Aicha, votre tenue est prete »',
    days: 'Rappel du reste à payer après (jours)',
    daysHint: 'Jours qu’une commande prête attend avec un reste à payer avant le rappel (s’il est activé ci-dessous).',
    save: 'Enregistrer',
    saved: 'Enregistré.',
    gsm7On: 'GSM-7 activé : {after}',
    gsm7Off: 'GSM-7 désactivé : les accents sont gardés.',
  },
  en: {
    title: 'Message settings',
    gsm7: 'SMS without the accents the SMS alphabet lacks (GSM-7)',
    gsm7Hint: 'A GSM-7 SMS holds 160 characters; a single “ï” or “ê” brings it down to 70, often 2 credits instead of one. Emails and WhatsApp keep their accents.',
    example: 'With this setting, {before} becomes {after}.',
    exampleOff: 'Without this setting, {before} goes as it is, at 70 characters per SMS.',
    before: '“Aïcha, votre tenue est prête”',
    after: '“Aicha, votre tenue est prete”',
    days: 'Balance reminder after (days)',
    daysHint: 'Days a ready order waits with a balance due before the reminder (when it is on below).',
    save: 'Save',
    saved: 'Saved.',
    gsm7On: 'GSM-7 on: {after}',
    gsm7Off: 'GSM-7 off: accents are kept.',
  },
});

export function MessageOptions({ settings, editable }: { settings: WorkshopSettings; editable: boolean }) {
  const t = useTexts(TEXTS);
  const id = useId();
  const update = useCommand('updateSettings');
  const [days, setDays] = useState(String(settings.balanceReminderDays));
  const [note, setNote] = useState<string | null>(null);
  // Shown switched at once; back as it was if the engine refuses.
  const [gsm7, setGsm7Shown] = useState(settings.smsGsm7);
  // Changed elsewhere (another device, by sync): follow it.
  useEffect(() => setGsm7Shown(settings.smsGsm7), [settings.smsGsm7]);
  const setGsm7 = async (on: boolean) => {
    setNote(null);
    setGsm7Shown(on);
    if (await update.run({ smsGsm7: on })) setNote(on ? fill(t.gsm7On, { after: t.after }) : t.gsm7Off);
    else setGsm7Shown(!on);
  };
  const saveDays = async (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    if (await update.run({ balanceReminderDays: Number(days) })) setNote(t.saved);
  };
  const sample = fill(gsm7 ? t.example : t.exampleOff, { before: t.before, after: t.after });
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="message-options">
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>{t.title}</h2>
      <fieldset disabled={!editable || update.busy} className="msg-plain">
        <div className="field">
          <label className="row" htmlFor={`${id}-gsm7`}>
            <input id={`${id}-gsm7`} type="checkbox" checked={gsm7} aria-describedby={`${id}-gsm7-hint`} onChange={(e) => void setGsm7(e.target.checked)} />
            {t.gsm7}
          </label>
          <small id={`${id}-gsm7-hint`}>{t.gsm7Hint}</small>
          <p className="msg-example" data-testid="gsm7-example">{sample}</p>
        </div>
        <form className="o-inline-form" onSubmit={(e) => void saveDays(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-days`}>{t.days}</label>
            <input id={`${id}-days`} name="balanceReminderDays" type="number" inputMode="numeric" min={1} max={60} value={days}
              aria-invalid={update.error?.field === 'balanceReminderDays' ? true : undefined} aria-describedby={`${id}-days-hint`} onChange={(e) => setDays(e.target.value)} />
            {update.error?.field === 'balanceReminderDays' ? <small className="field-error">{update.error.message}</small> : <small id={`${id}-days-hint`}>{t.daysHint}</small>}
          </div>
          <button type="submit" disabled={days === String(settings.balanceReminderDays)}>{t.save}</button>
        </form>
      </fieldset>
      {update.error && update.error.field !== 'balanceReminderDays' ? <ErrorBanner error={update.error} /> : null}
      {note ? <p className="badge ok" role="status">{note}</p> : null}
    </section>
  );
}
