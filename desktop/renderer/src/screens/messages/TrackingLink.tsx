/**
 * The order's tracking link (PUBLIC_URL/t/<token>): a small public page with the order's number,
 * status, promised date and balance. Revoking it makes a new one; the old link stops working once
 * the change reaches the cloud.
 */
import { useEffect, useState } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { ConfirmButton, ErrorBanner } from '../../ui/components.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Lien de suivi',
    explain: 'Le client y voit le numéro, l’état, la date promise et le reste à payer de sa commande, rien d’autre.',
    none: 'Le lien sera créé avec le premier message qui le contient ({lien}).',
    unknownAddress: 'Le lien sera écrit par le serveur à l’envoi du message.',
    revoke: 'Révoquer le lien de suivi',
    question: 'Révoquer ce lien ? L’ancien lien ne montrera plus la commande ; un nouveau lien est créé.',
    yes: 'Oui, révoquer',
    no: 'Non',
    revoked: 'Nouveau lien créé : l’ancien ne marchera plus dès la prochaine synchronisation.',
  },
  en: {
    title: 'Tracking link',
    explain: 'The client sees the order’s number, status, promised date and balance there, nothing else.',
    none: 'The link will be made with the first message that contains it ({lien}).',
    unknownAddress: 'The link will be written by the server when the message is sent.',
    revoke: 'Revoke the tracking link',
    question: 'Revoke this link? The old link will no longer show the order; a new link is made.',
    yes: 'Yes, revoke',
    no: 'No',
    revoked: 'New link made: the old one stops working at the next sync.',
  },
});

export function TrackingLink({ orderId }: { orderId: string }) {
  const t = useTexts(TEXTS);
  const can = useCan();
  const link = useQuery('orderTrackingLink', { orderId });
  const revoke = useCommand('revokeTrackingLink');
  const [done, setDone] = useState(false);
  // The revoke's answer holds the new link: shown with the notice at once, until the query has it too.
  const [fresh, setFresh] = useState<typeof link.data>(undefined);
  useEffect(() => {
    if (fresh && link.data?.trackingToken === fresh.trackingToken) setFresh(undefined);
  }, [fresh, link.data]);
  const data = fresh ?? link.data;
  return (
    <section className="card msg-tracking" aria-labelledby="tracking-title" data-testid="tracking-link">
      <h2 id="tracking-title" style={{ marginTop: 0 }}>{t.title}</h2>
      <ErrorBanner error={link.error ?? revoke.error} />
      {data?.link ? (
        <p><a href={data.link} target="_blank" rel="noopener noreferrer" data-testid="tracking-url">{data.link}</a></p>
      ) : data ? <p className="muted">{data.trackingToken ? t.unknownAddress : t.none}</p> : null}
      <p className="muted">{t.explain}</p>
      {data?.trackingToken && can('orders', 'update') ? (
        <ConfirmButton label={t.revoke} question={t.question} confirm={t.yes} cancel={t.no}
          onConfirm={() => void revoke.run({ orderId }).then((r) => { if (r) { setFresh(r); setDone(true); } })} />
      ) : null}
      {done ? <p className="badge ok" role="status">{t.revoked}</p> : null}
    </section>
  );
}
