/** The client's contact form, for a new client and for editing one in place. */
import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../ui/components.js';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.js';
import { phoneDisplay } from '../../ui/format.js';
import { useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { asChannel, asGender, channelOptions, genderOptions } from './clientOptions.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';

const TEXTS = defineTexts({
  fr: {
    name: 'Nom du client', phone: 'Téléphone', whatsapp: 'WhatsApp', whatsappHint: 'Seulement s’il est différent',
    phoneHint: 'Ex. 01 97 00 00 00', email: 'E-mail', gender: 'Genre', channel: 'Canal préféré', notes: 'Notes',
    none: '—', cancel: 'Annuler',
  },
  en: {
    name: 'Client name', phone: 'Phone', whatsapp: 'WhatsApp', whatsappHint: 'Only if different',
    phoneHint: 'E.g. 01 97 00 00 00', email: 'Email', gender: 'Gender', channel: 'Preferred channel', notes: 'Notes',
    none: '—', cancel: 'Cancel',
  },
});

export interface ClientValues {
  name: string;
  phone: string;
  whatsapp: string;
  email: string;
  gender: string;
  preferredChannel: string;
  notes: string;
}

const FIELDS: readonly (keyof ClientValues)[] = ['name', 'phone', 'whatsapp', 'email', 'gender', 'preferredChannel', 'notes'];

export const EMPTY_CLIENT: ClientValues = { name: '', phone: '', whatsapp: '', email: '', gender: '', preferredChannel: '', notes: '' };

/** Values of an existing client, phone numbers shown the way people read them. */
export function clientValues(c: { name: string; phone: string | null; whatsapp: string | null; email: string | null; gender: string | null; preferredChannel: string | null; notes: string | null }): ClientValues {
  return {
    name: c.name,
    phone: phoneDisplay(c.phone),
    whatsapp: phoneDisplay(c.whatsapp),
    email: c.email ?? '',
    gender: c.gender ?? '',
    preferredChannel: c.preferredChannel ?? '',
    notes: c.notes ?? '',
  };
}

/** The command input: blanks mean "none" (the engine stores null and checks the rest). */
export function clientInput(v: ClientValues) {
  return {
    name: v.name,
    phone: v.phone,
    whatsapp: v.whatsapp,
    email: v.email,
    gender: asGender(v.gender),
    preferredChannel: asChannel(v.preferredChannel),
    notes: v.notes,
  };
}

export function ClientForm({ initial, submitLabel, busy, error, onSubmit, onCancel, idPrefix }: {
  initial: ClientValues;
  submitLabel: string;
  busy: boolean;
  error: HostErrorShape | null;
  /** Resolves true when saved. The typed values stay in place when it fails. */
  onSubmit(values: ClientValues): Promise<boolean>;
  onCancel?(): void;
  idPrefix: string;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const [values, setValues] = useState<ClientValues>(initial);
  const set = (key: keyof ClientValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit(values);
  };
  const fieldError = error && error.field && (FIELDS as readonly string[]).includes(error.field) ? error : null;
  return (
    <form onSubmit={submit} noValidate>
      {error && !fieldError ? <ErrorBanner error={error} /> : null}
      <div className="form-grid">
        <TextField id={`${idPrefix}-name`} label={t.name} name="name" value={values.name} onChange={set('name')} error={fieldError} autoComplete="off" required />
        <TextField id={`${idPrefix}-phone`} label={t.phone} name="phone" type="tel" inputMode="tel" value={values.phone} onChange={set('phone')} error={fieldError} hint={t.phoneHint} autoComplete="off" />
        <TextField id={`${idPrefix}-whatsapp`} label={t.whatsapp} name="whatsapp" type="tel" inputMode="tel" value={values.whatsapp} onChange={set('whatsapp')} error={fieldError} hint={t.whatsappHint} autoComplete="off" />
        <TextField id={`${idPrefix}-email`} label={t.email} name="email" type="email" inputMode="email" value={values.email} onChange={set('email')} error={fieldError} autoComplete="off" />
        <SelectField
          id={`${idPrefix}-gender`} label={t.gender} name="gender" value={values.gender} onChange={set('gender')} error={fieldError}
          options={[{ value: '', label: t.none }, ...genderOptions(locale)]}
        />
        <SelectField
          id={`${idPrefix}-channel`} label={t.channel} name="preferredChannel" value={values.preferredChannel} onChange={set('preferredChannel')} error={fieldError}
          options={[{ value: '', label: t.none }, ...channelOptions(locale)]}
        />
        <div className="wide">
          <TextAreaField id={`${idPrefix}-notes`} label={t.notes} name="notes" value={values.notes} onChange={set('notes')} error={fieldError} rows={3} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
        {onCancel ? <button type="button" onClick={onCancel}>{t.cancel}</button> : null}
      </div>
    </form>
  );
}
