/**
 * A new order in under 30 seconds: client (search or new), garment (its price pre-filled), fabric
 * and photos, price and deposit, urgency and the promised date suggested from the workshop's load,
 * the measurements copied from the client's latest sheet. Errors show on their field; typed values stay.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { href, navigate, useRoute } from '../../app/router.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import { ErrorBanner, Field, Page, Select } from '../../ui/components.js';
import { money } from '../../ui/format.js';
import { ClientPicker } from './new/ClientPicker.js';
import { PhotoInput } from './new/PhotoInput.js';
import { PromisedDateField } from './new/PromisedDateField.js';
import { MeasurementsNote } from './new/MeasurementsNote.js';
import { createOrderInput, emptyDraft, SHOWN_FIELDS, type OrderDraft } from './new/orderDraft.js';
import { isPaymentMethod, methodOptions, URGENCIES, urgencyLabel, workshopToday } from './labels.js';
import './orders.css';

const TEXTS = defineTexts({
  fr: {
    title: 'Nouvelle commande', client: 'Client', garment: 'Vêtement', chooseGarment: '— Choisir le vêtement —', otherGarment: 'Autre (sans modèle)',
    description: 'Description (modèle, détails)', fabric: 'Tissu', fromClient: 'Apporté par le client', fromWorkshop: 'Fourni par l’atelier',
    pagnes: 'Nombre de pagnes', pagnesHint: 'Ex. 3 ou 1,5', photos: 'Photos', fabricPhoto: 'Photo du tissu', modelPhoto: 'Photo du modèle',
    money: 'Prix et acompte', price: 'Prix (FCFA)', priceHint: 'Prix habituel : {price}', deposit: 'Acompte versé (FCFA)', depositHint: 'Laisser vide si rien n’est versé',
    method: 'Moyen de paiement', delivery: 'Délai', urgency: 'Urgence', status: 'Statut de départ', confirmed: 'Confirmée', quote: 'Devis (pas encore confirmée)',
    note: 'Note interne (facultatif)', create: 'Créer la commande', creating: 'Création…', cancel: 'Annuler', readOnly: 'Votre rôle ne permet pas de créer des commandes.',
    noClient: 'Choisissez le client de la commande, ou créez-le.',
  },
  en: {
    title: 'New order', client: 'Client', garment: 'Garment', chooseGarment: '— Choose the garment —', otherGarment: 'Other (no template)',
    description: 'Description (style, details)', fabric: 'Fabric', fromClient: 'Brought by the client', fromWorkshop: 'Supplied by the workshop',
    pagnes: 'Number of pagnes', pagnesHint: 'E.g. 3 or 1.5', photos: 'Photos', fabricPhoto: 'Fabric photo', modelPhoto: 'Model photo',
    money: 'Price and deposit', price: 'Price (FCFA)', priceHint: 'Usual price: {price}', deposit: 'Deposit paid (FCFA)', depositHint: 'Leave empty if nothing is paid',
    method: 'Payment method', delivery: 'Timing', urgency: 'Urgency', status: 'Starting status', confirmed: 'Confirmed', quote: 'Quote (not confirmed yet)',
    note: 'Internal note (optional)', create: 'Create the order', creating: 'Creating…', cancel: 'Cancel', readOnly: 'Your role cannot create orders.',
    noClient: 'Choose the order’s client, or create them.',
  },
});

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return <fieldset><legend>{legend}</legend>{children}</fieldset>;
}

export function NewOrderScreen() {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const route = useRoute();
  const [draft, setDraft] = useState<OrderDraft>(() => emptyDraft(route.query.get('client') ?? ''));
  const set = (changes: Partial<OrderDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const garments = useQuery('garmentTypes');
  const settings = useQuery('settings');
  const sheets = useQuery('sheetHistory', { clientId: draft.clientId, garmentTypeId: draft.garmentTypeId || null }, draft.clientId !== '');
  const create = useCommand('createOrder');
  const garment = useMemo(() => garments.data?.find((g) => g.id === draft.garmentTypeId), [garments.data, draft.garmentTypeId]);
  const latestSheet = draft.clientId ? sheets.data?.[0] : undefined;
  const [noClient, setNoClient] = useState<HostErrorShape | null>(null);
  const error = noClient ?? create.error;
  const today = workshopToday(settings.data?.timezone);

  function chooseGarment(id: string) {
    const next = garments.data?.find((g) => g.id === id);
    set({ garmentTypeId: id, ...(next && !draft.priceTouched ? { price: String(next.defaultPrice) } : {}) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNoClient(draft.clientId ? null : { code: 'invalid_input', field: 'clientId', message: t.noClient });
    if (!draft.clientId) return;
    const created = await create.run(createOrderInput(draft, latestSheet?.id ?? null));
    if (created) navigate(`orders/${created.id}`);
  }

  if (!can('orders', 'create')) return <Page title={t.title}><p className="muted">{t.readOnly}</p></Page>;
  const garmentOptions = [
    { value: '', label: t.chooseGarment },
    ...(garments.data ?? []).map((g) => ({ value: g.id, label: g.name })),
  ];
  return (
    <Page title={t.title}>
      <form className="o-form" onSubmit={(e) => void submit(e)} noValidate>
        {error && !SHOWN_FIELDS.has(error.field ?? '') ? <ErrorBanner error={error} /> : null}
        <div className="o-new">
          <div>
            <Group legend={t.client}>
              <ClientPicker clientId={draft.clientId} onChange={(clientId) => { setNoClient(null); set({ clientId }); }} error={error} />
            </Group>
            <Group legend={t.garment}>
              <Select label={t.garment} name="garmentTypeId" options={garmentOptions} value={draft.garmentTypeId} error={error} onChange={(e) => chooseGarment(e.target.value)} />
              <Field label={t.description} name="description" value={draft.description} error={error} onChange={(e) => set({ description: e.target.value })} />
            </Group>
            <Group legend={t.fabric}>
              <div className="o-choice" role="radiogroup" aria-label={t.fabric}>
                {(['client', 'workshop'] as const).map((source) => (
                  <label key={source}>
                    <input type="radio" name="fabricSource" value={source} checked={draft.fabricSource === source} onChange={() => set({ fabricSource: source })} />
                    {source === 'client' ? t.fromClient : t.fromWorkshop}
                  </label>
                ))}
              </div>
              <Field label={t.pagnes} name="fabricPagnes" inputMode="decimal" hint={t.pagnesHint} value={draft.fabricPagnes} error={error} onChange={(e) => set({ fabricPagnes: e.target.value })} />
              <div className="o-photos">
                <PhotoInput label={t.fabricPhoto} kind="fabric" name="fabricPhoto" hash={draft.fabricPhoto} onChange={(fabricPhoto) => set({ fabricPhoto })} />
                <PhotoInput label={t.modelPhoto} kind="model" name="modelPhoto" hash={draft.modelPhoto} onChange={(modelPhoto) => set({ modelPhoto })} />
              </div>
            </Group>
          </div>
          <div>
            <Group legend={t.money}>
              <Field label={t.price} name="price" inputMode="numeric" value={draft.price} error={error}
                hint={garment ? fill(t.priceHint, { price: money(garment.defaultPrice, locale) }) : undefined}
                onChange={(e) => set({ price: e.target.value, priceTouched: true })} />
              <Field label={t.deposit} name="deposit" inputMode="numeric" hint={t.depositHint} value={draft.deposit} error={error} onChange={(e) => set({ deposit: e.target.value })} />
              <Select label={t.method} name="method" options={methodOptions(locale)} value={draft.method} onChange={(e) => { const method = e.target.value; if (isPaymentMethod(method)) set({ method }); }} />
            </Group>
            <Group legend={t.delivery}>
              <Select label={t.urgency} name="urgency" value={draft.urgency} error={error}
                options={URGENCIES.map((u) => ({ value: u, label: urgencyLabel(u, locale) }))}
                onChange={(e) => { const urgency = URGENCIES.find((u) => u === e.target.value); if (urgency) set({ urgency }); }} />
              <PromisedDateField garmentTypeId={draft.garmentTypeId} urgency={draft.urgency} value={draft.promisedDate} today={today} error={error}
                onChange={(promisedDate) => set({ promisedDate })} />
              <Select label={t.status} name="status" value={draft.status} error={error}
                options={[{ value: 'confirmed', label: t.confirmed }, { value: 'quote', label: t.quote }]}
                onChange={(e) => set({ status: e.target.value === 'quote' ? 'quote' : 'confirmed' })} />
            </Group>
            <MeasurementsNote clientId={draft.clientId} garmentTypeId={draft.garmentTypeId} sheet={latestSheet} loading={sheets.loading} timeZone={settings.data?.timezone} />
            <label className={`field${error?.field === 'internalNote' ? ' invalid' : ''}`}>
              <span>{t.note}</span>
              <textarea name="internalNote" value={draft.internalNote} onChange={(e) => set({ internalNote: e.target.value })} />
              {error?.field === 'internalNote' ? <small className="field-error">{error.message}</small> : null}
            </label>
          </div>
        </div>
        <div className="submit">
          <button type="submit" className="primary" disabled={create.busy}>{create.busy ? t.creating : t.create}</button>
          <a className="o-btn" href={href(draft.clientId ? `clients/${draft.clientId}` : 'orders')}>{t.cancel}</a>
        </div>
      </form>
    </Page>
  );
}
