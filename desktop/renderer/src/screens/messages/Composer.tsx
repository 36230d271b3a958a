/**
 * Writing to a client, from the client card or the order: the channel (SMS, WhatsApp, e-mail),
 * free text or a template, the variables inserted by buttons, a live preview with the real values
 * (the engine's: exactly the text that will be stored and sent) and its cost while typing. The
 * message waits on this device ("en attente") and leaves with the next sync; on WhatsApp the
 * workshop may also open the conversation itself, for free (recorded in the client's history).
 */
import { useId, useRef, useState } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ErrorBanner } from '../../ui/components.js';
import { phoneDisplay } from '../../ui/format.js';
import { AUTOMATIC_KINDS, MAX_MESSAGE_BODY, type AutomaticKind } from '../../../../../shared/messaging/messageOptions.js';
import { TEMPLATE_VARIABLES, type TemplateVariable } from '../../../../../shared/messaging/templates.js';
import { CostMeter } from './CostMeter.js';
import { CreditsLine } from './CreditsBalance.js';
import { VariableButtons } from './VariableButtons.js';
import { WhatsAppOpenLink } from './WhatsAppOpenLink.js';
import { token } from './messageText.js';
import { MESSAGE_CHANNELS, defaultChannel, messageChannelLabel, messageKindLabel, type MessageChannel } from './labels.js';
import type { MessagePreview } from '../../../../../shared/engine/queries/messageQueries.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Écrire au client',
    channel: 'Envoyer par',
    order: 'À propos de la commande',
    noOrder: 'Aucune commande en particulier',
    template: 'Partir d’un modèle',
    free: 'Message libre',
    body: 'Message',
    bodyHint: 'Les variables entre accolades sont remplacées par les vraies valeurs.',
    preview: 'Aperçu — ce que {client} recevra',
    to: 'À : {to}',
    send: 'Envoyer',
    sending: 'Envoi…',
    queued: 'Message en attente : il partira à la prochaine synchronisation.',
    openWhatsapp: 'Ouvrir dans WhatsApp (gratuit)',
    opened: 'Conversation WhatsApp ouverte : c’est noté dans l’historique du client.',
    noPhone: 'Pas de numéro de téléphone pour ce client : ajoutez-le sur sa fiche pour lui envoyer un SMS.',
    noWhatsapp: 'Ni numéro WhatsApp ni téléphone pour ce client : ajoutez-en un sur sa fiche.',
    noEmail: 'Pas d’adresse e-mail pour ce client : ajoutez-la sur sa fiche.',
    unknown: '{variables} : variable inconnue. Variables possibles : {known}.',
    unfilledOrder: '{variables} se remplit seulement avec une commande : choisissez-la, ou retirez {variables}.',
    unfilledFitting: '{variables} se remplit seulement avec un essayage prévu pour cette commande.',
    tooLong: 'Message trop long : {max} caractères au plus.',
    optOut: 'Ce client a demandé à ne pas recevoir de messages : aucun message automatique ne lui est envoyé. N’envoyez celui-ci que s’il l’attend.',
  },
  en: {
    title: 'Write to the client',
    channel: 'Send by',
    order: 'About the order',
    noOrder: 'No particular order',
    template: 'Start from a template',
    free: 'Free message',
    body: 'Message',
    bodyHint: 'Variables in braces are replaced by the real values.',
    preview: 'Preview — what {client} will receive',
    to: 'To: {to}',
    send: 'Send',
    sending: 'Sending…',
    queued: 'Message waiting: it will leave with the next sync.',
    openWhatsapp: 'Open in WhatsApp (free)',
    opened: 'WhatsApp conversation opened: it is noted in the client’s history.',
    noPhone: 'No phone number for this client: add one on their card to send an SMS.',
    noWhatsapp: 'No WhatsApp number or phone for this client: add one on their card.',
    noEmail: 'No email address for this client: add one on their card.',
    unknown: '{variables}: unknown variable. Possible variables: {known}.',
    unfilledOrder: '{variables} is filled only with an order: pick one, or remove {variables}.',
    unfilledFitting: '{variables} is filled only with a fitting planned for this order.',
    tooLong: 'Message too long: {max} characters at most.',
    optOut: 'This client asked not to receive messages: no automatic message goes to them. Send this one only if they expect it.',
  },
});

type Texts = Readonly<Record<keyof (typeof TEXTS)['fr'], string>>;

const NO_ADDRESS = { sms: 'noPhone', whatsapp: 'noWhatsapp', email: 'noEmail' } as const;
const tokens = (names: readonly string[]) => names.map(token).join(', ');

/** What stops the message from being sent, in the order a tailor fixes them. */
export function previewProblems(preview: MessagePreview, orderChosen: boolean, t: Texts): string[] {
  const problems: string[] = [];
  if (preview.missingAddress) problems.push(t[NO_ADDRESS[preview.channel]]);
  if (preview.unknownVariables.length > 0) problems.push(fill(t.unknown, { variables: tokens(preview.unknownVariables), known: tokens(TEMPLATE_VARIABLES) }));
  if (preview.unfilledVariables.length > 0) problems.push(fill(orderChosen ? t.unfilledFitting : t.unfilledOrder, { variables: tokens(preview.unfilledVariables) }));
  if (preview.tooLong) problems.push(fill(t.tooLong, { max: MAX_MESSAGE_BODY }));
  return problems;
}

export interface ComposerOrder {
  id: string;
  number: string;
}

export function Composer({ clientId, clientName, preferredChannel, orderId, orders }: {
  clientId: string;
  clientName: string;
  preferredChannel?: string | null;
  /** The order the message is about (on the order's page). */
  orderId?: string;
  /** On the client card: the client's orders, one of which the message may be about. */
  orders?: readonly ComposerOrder[];
}) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [channel, setChannel] = useState<MessageChannel>(defaultChannel(preferredChannel));
  const [chosenOrder, setChosenOrder] = useState<string>(orderId ?? '');
  const [template, setTemplate] = useState<AutomaticKind | ''>('');
  const [body, setBody] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const about = orderId ?? (chosenOrder || null);
  const typed = body.trim().length > 0;
  const preview = useQuery('previewMessage', { clientId, orderId: about, channel, body: body.slice(0, MAX_MESSAGE_BODY * 2) }, typed);
  const settings = useQuery('settings');
  const templates = useQuery('messageTemplates');
  const send = useCommand('sendMessage');
  if (!can('messages', 'create')) return null;

  const shown = typed ? preview.data : undefined;
  const problems = shown ? previewProblems(shown, about !== null, t) : [];
  const variables: readonly TemplateVariable[] = about ? TEMPLATE_VARIABLES : ['client', 'atelier'];
  const edit = (next: string) => {
    setBody(next);
    setDone(null);
    send.clearError();
  };
  const pickTemplate = (kind: AutomaticKind | '') => {
    setTemplate(kind);
    if (kind) edit(templates.data?.find((x) => x.kind === kind)?.body ?? body);
  };
  const submit = async () => {
    if (!shown || problems.length > 0) return;
    const sent = await send.run({ clientId, orderId: about, channel, body });
    if (sent) {
      setBody('');
      setTemplate('');
      setDone(t.queued);
    }
  };

  return (
    <section className="card msg-composer" aria-labelledby={`${id}-title`} data-testid="composer">
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>{t.title}</h2>
      <fieldset className="msg-channels">
        <legend>{t.channel}</legend>
        {MESSAGE_CHANNELS.map((c) => (
          <label key={c}>
            <input type="radio" name={`${id}-channel`} value={c} checked={channel === c} onChange={() => { setChannel(c); setDone(null); }} />
            {messageChannelLabel(c, locale)}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        {orders && !orderId && orders.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-order`}>{t.order}</label>
            <select id={`${id}-order`} value={chosenOrder} onChange={(e) => setChosenOrder(e.target.value)}>
              <option value="">{t.noOrder}</option>
              {orders.map((o) => <option key={o.id} value={o.id}>{o.number}</option>)}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-template`}>{t.template}</label>
          <select id={`${id}-template`} value={template} disabled={!templates.data} onChange={(e) => pickTemplate(e.target.value as AutomaticKind | '')}>
            <option value="">{t.free}</option>
            {AUTOMATIC_KINDS.map((k) => <option key={k} value={k}>{messageKindLabel(k, locale)}</option>)}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t.body}</label>
        <textarea id={`${id}-body`} ref={area} name="body" rows={4} maxLength={MAX_MESSAGE_BODY * 2} value={body}
          aria-describedby={`${id}-body-hint`} onChange={(e) => edit(e.target.value)} />
        <small id={`${id}-body-hint`}>{t.bodyHint}</small>
      </div>
      <VariableButtons variables={variables} areaRef={area} value={body} onChange={edit} />
      {shown ? (
        <>
          <CostMeter cost={shown.cost} channel={channel} estimated={shown.costEstimated} gsm7={settings.data?.smsGsm7 ?? true} />
          <figure className="msg-preview">
            <figcaption className="muted">{fill(t.preview, { client: clientName })}{shown.to ? <> · {fill(t.to, { to: channel === 'email' ? shown.to : phoneDisplay(shown.to) })}</> : null}</figcaption>
            <blockquote data-testid="message-preview">{shown.text}</blockquote>
          </figure>
          {shown.messagesOptOut ? <p className="msg-warn">{t.optOut}</p> : null}
          {problems.map((p) => <p key={p} className="msg-problem" role="alert">{p}</p>)}
        </>
      ) : null}
      <ErrorBanner error={send.error ?? (typed ? preview.error : null)} />
      <div className="actions">
        <button type="button" className="primary" disabled={!shown || problems.length > 0 || send.busy} onClick={() => void submit()}>
          {send.busy ? t.sending : t.send}
        </button>
        {channel === 'whatsapp' && shown?.to && problems.length === 0 ? (
          <WhatsAppOpenLink phone={shown.to} text={shown.text} clientId={clientId} orderId={about} onRecorded={() => setDone(t.opened)}>
            {t.openWhatsapp}
          </WhatsAppOpenLink>
        ) : null}
        <CreditsLine />
      </div>
      {done ? <p className="badge ok" role="status" data-testid="composer-done">{done}</p> : null}
    </section>
  );
}
