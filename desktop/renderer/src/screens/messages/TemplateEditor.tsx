/**
 * One automatic message on the settings: how it goes (off, the client's preferred channel, SMS,
 * WhatsApp, e-mail), its text with its variables inserted by buttons, a live preview with a real
 * client's values and its cost, and the default text to come back to. The owner's alone.
 */
import { useId, useRef, useState } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ErrorBanner } from '../../ui/components.js';
import { AUTO_CHANNELS, AUTO_CHANNEL_LABELS, MAX_MESSAGE_BODY, type AutoChannel, type AutomaticKind } from '../../../../../shared/messaging/messageOptions.js';
import { DEFAULT_TEMPLATE_BODIES } from '../../../../../shared/messaging/templates.js';
import type { MessageTemplateView } from '../../../../../shared/engine/queries/messageQueries.js';
import { CostMeter } from './CostMeter.js';
import { VariableButtons } from './VariableButtons.js';
import { token } from './messageText.js';
import { messageKindLabel } from './labels.js';
import type { Example } from './useExample.js';

const TEXTS = defineTexts({
  fr: {
    channel: 'Envoi automatique',
    body: 'Texte du message',
    save: 'Enregistrer',
    saved: 'Modèle enregistré.',
    restore: 'Rétablir le texte par défaut',
    restored: 'Texte par défaut remis : enregistrez pour le garder.',
    isDefault: 'texte par défaut',
    unsaved: 'modifié, pas encore enregistré',
    preview: 'Aperçu avec {client}',
    previewOrder: 'Aperçu avec {client}, commande {number}',
    previewAsSms: 'compté en SMS, le plus cher',
    noExample: 'Ajoutez un client et une commande pour voir l’aperçu avec de vraies valeurs.',
    unfilled: '{variables} : pas de valeur dans cet exemple ; elle sera remplie à l’envoi quand elle existe.',
    unknown: '{variables} : variable inconnue.',
    tooLong: 'Texte trop long : {max} caractères au plus.',
    'when.order_created': 'Quand une commande est enregistrée.',
    'when.order_ready': 'Quand la commande passe à « Prête ». Le lien de suivi permet au client de voir sa commande.',
    'when.fitting_reminder': 'La veille d’un essayage, le matin.',
    'when.balance_due': 'Quand une commande prête attend depuis {days} jours avec un reste à payer.',
    'when.order_delivered': 'Quand la commande est livrée.',
  },
  en: {
    channel: 'Automatic sending',
    body: 'Message text',
    save: 'Save',
    saved: 'Template saved.',
    restore: 'Restore the default text',
    restored: 'Default text back: save to keep it.',
    isDefault: 'default text',
    unsaved: 'changed, not saved yet',
    preview: 'Preview with {client}',
    previewOrder: 'Preview with {client}, order {number}',
    previewAsSms: 'counted as SMS, the dearest',
    noExample: 'Add a client and an order to see the preview with real values.',
    unfilled: '{variables}: no value in this example; it is filled when sent, when it exists.',
    unknown: '{variables}: unknown variable.',
    tooLong: 'Text too long: {max} characters at most.',
    'when.order_created': 'When an order is recorded.',
    'when.order_ready': 'When the order moves to “Ready”. The tracking link lets the client see their order.',
    'when.fitting_reminder': 'The day before a fitting, in the morning.',
    'when.balance_due': 'When a ready order has waited {days} days with a balance due.',
    'when.order_delivered': 'When the order is delivered.',
  },
});

const tokens = (names: readonly string[]) => names.map(token).join(', ');

export function TemplateEditor({ template, example, gsm7, balanceDays, editable }: {
  template: MessageTemplateView;
  example: Example | null;
  gsm7: boolean;
  balanceDays: number;
  editable: boolean;
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [channel, setChannel] = useState<AutoChannel>(template.channel);
  const [body, setBody] = useState(template.body);
  const [note, setNote] = useState<string | null>(null);
  const save = useCommand('saveMessageTemplate');
  const kind: AutomaticKind = template.kind;
  // Off or "preferred": counted as an SMS, what such a message costs at most.
  const previewChannel = channel === 'email' || channel === 'whatsapp' ? channel : 'sms';
  const preview = useQuery(
    'previewMessage',
    { clientId: example?.clientId ?? '', orderId: example?.orderId ?? null, channel: previewChannel, kind, body: body.slice(0, MAX_MESSAGE_BODY * 2) },
    example !== null && body.trim().length > 0,
  );
  const changed = channel !== template.channel || body !== template.body;
  const edit = (next: string) => {
    setBody(next);
    setNote(null);
    save.clearError();
  };
  const submit = async () => {
    if (await save.run({ kind, channel, body })) setNote(t.saved);
  };
  const shown = example && body.trim().length > 0 ? preview.data : undefined;
  const when = fill(t[`when.${kind}`], { days: balanceDays });
  return (
    <section className="card msg-template" aria-labelledby={`${id}-title`} data-testid={`template-${kind}`}>
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>
        {messageKindLabel(kind, locale)}
        {!changed && template.isDefault ? <span className="badge">{t.isDefault}</span> : null}
        {changed ? <span className="badge waiting">{t.unsaved}</span> : null}
      </h2>
      <p className="muted">{when}</p>
      <fieldset disabled={!editable} className="msg-plain">
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t.channel}</label>
          <select id={`${id}-channel`} value={channel} onChange={(e) => { setChannel(e.target.value as AutoChannel); setNote(null); }}>
            {AUTO_CHANNELS.map((c) => <option key={c} value={c}>{AUTO_CHANNEL_LABELS[locale][c]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t.body}</label>
          <textarea id={`${id}-body`} ref={area} rows={3} maxLength={MAX_MESSAGE_BODY * 2} value={body} onChange={(e) => edit(e.target.value)}
            aria-invalid={save.error?.field === 'body' ? true : undefined} />
          {save.error?.field === 'body' ? <small className="field-error">{save.error.message}</small> : null}
        </div>
        <VariableButtons variables={template.variables} areaRef={area} value={body} onChange={edit} />
      </fieldset>
      {!example ? <p className="muted">{t.noExample}</p> : shown ? (
        <>
          <figure className="msg-preview">
            <figcaption className="muted">
              {example.orderNumber ? fill(t.previewOrder, { client: example.clientName, number: example.orderNumber }) : fill(t.preview, { client: example.clientName })}
              {channel === 'off' || channel === 'preferred' ? <> ({t.previewAsSms})</> : null}
            </figcaption>
            <blockquote data-testid="template-preview">{shown.text}</blockquote>
          </figure>
          <CostMeter cost={shown.cost} channel={previewChannel} estimated={shown.costEstimated} gsm7={gsm7} />
          {shown.unknownVariables.length > 0 ? <p className="msg-problem">{fill(t.unknown, { variables: tokens(shown.unknownVariables) })}</p> : null}
          {shown.unfilledVariables.length > 0 ? <p className="muted">{fill(t.unfilled, { variables: tokens(shown.unfilledVariables) })}</p> : null}
          {shown.tooLong ? <p className="msg-problem">{fill(t.tooLong, { max: MAX_MESSAGE_BODY })}</p> : null}
        </>
      ) : null}
      {save.error && save.error.field !== 'body' ? <ErrorBanner error={save.error} /> : null}
      {editable ? (
        <div className="actions">
          <button type="button" className="primary" disabled={save.busy || !changed || body.trim().length === 0} onClick={() => void submit()}>{t.save}</button>
          {/* Clients read French (the engine's CLIENT_MESSAGE_LOCALE): the default text is the French one. */}
          <button type="button" disabled={body === DEFAULT_TEMPLATE_BODIES.fr[kind]} onClick={() => { edit(DEFAULT_TEMPLATE_BODIES.fr[kind]); setNote(t.restored); }}>{t.restore}</button>
        </div>
      ) : null}
      {note ? <p className="badge ok" role="status">{note}</p> : null}
    </section>
  );
}
