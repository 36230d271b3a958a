/** Changes the promised date, the price, the description and the internal note (only what changed is sent). */
import { useState, type FormEvent } from 'react';
import { useCommand } from '../../../app/data.js';
import { useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import type { CommandInput } from '../../../../../../shared/engine/engine.js';
import { ErrorBanner, Field } from '../../../ui/components.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import { typedNumber } from '../labels.js';

const TEXTS = defineTexts({
  fr: {
    promised: 'Date promise', price: 'Prix (FCFA)', description: 'Description', note: 'Note interne',
    save: 'Enregistrer les modifications', cancel: 'Fermer', title: 'Modifier la commande',
  },
  en: {
    promised: 'Promised date', price: 'Price (FCFA)', description: 'Description', note: 'Internal note',
    save: 'Save the changes', cancel: 'Close', title: 'Edit the order',
  },
});

const SHOWN = new Set(['promisedDate', 'price', 'description', 'internalNote']);

export function EditOrderForm({ order, onClose }: { order: OrderDetail; onClose(): void }) {
  const t = useTexts(TEXTS);
  const update = useCommand('updateOrder');
  const [draft, setDraft] = useState({
    promisedDate: order.promisedDate,
    price: String(order.price),
    description: order.description ?? '',
    internalNote: order.internalNote ?? '',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Omit<CommandInput<'updateOrder'>, 'id'> = {};
    if (draft.promisedDate !== order.promisedDate) changes.promisedDate = draft.promisedDate;
    // A blank price is no price: NaN, refused by the engine like any non-number.
    const price = typedNumber(draft.price) ?? Number.NaN;
    if (price !== order.price) changes.price = price;
    if (draft.description !== (order.description ?? '')) changes.description = draft.description;
    if (draft.internalNote !== (order.internalNote ?? '')) changes.internalNote = draft.internalNote;
    if (Object.keys(changes).length === 0 || (await update.run({ id: order.id, ...changes }))) onClose();
  }

  const error = update.error;
  return (
    <form className="card o-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.title}>
      <h2 style={{ marginTop: 0 }}>{t.title}</h2>
      <Field label={t.promised} name="promisedDate" type="date" value={draft.promisedDate} error={error} onChange={(e) => setDraft({ ...draft, promisedDate: e.target.value })} />
      <Field label={t.price} name="price" inputMode="numeric" value={draft.price} error={error} onChange={(e) => setDraft({ ...draft, price: e.target.value })} />
      <Field label={t.description} name="description" value={draft.description} error={error} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
      <label className={`field${error?.field === 'internalNote' ? ' invalid' : ''}`}>
        <span>{t.note}</span>
        <textarea name="internalNote" value={draft.internalNote} onChange={(e) => setDraft({ ...draft, internalNote: e.target.value })} />
        {error?.field === 'internalNote' ? <small className="field-error">{error.message}</small> : null}
      </label>
      {error && !SHOWN.has(error.field ?? '') ? <ErrorBanner error={error} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={update.busy}>{t.save}</button>
        <button type="button" onClick={onClose}>{t.cancel}</button>
      </div>
    </form>
  );
}
