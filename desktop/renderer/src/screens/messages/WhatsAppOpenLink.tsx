/**
 * The free "open WhatsApp" link (the phone's own WhatsApp, a wa.me link with the text ready),
 * used by the client card, the composer and the Today screen's ready list. Each click is noted in
 * the client's history (`recordWhatsAppOpened`, status `manual`) when the role may write messages;
 * a staff member without that right still gets a working link, just not the note. A middle click
 * (a new tab) is noted too.
 */
import type { ReactNode } from 'react';
import { useCommand } from '../../app/data.js';
import { useCan } from '../../app/session.js';
import { ErrorBanner } from '../../ui/components.js';
import { whatsappLink } from '../clients/contact.js';

export function WhatsAppOpenLink({ phone, text, clientId, orderId, label, className = 'btn-link whatsapp', onRecorded, children }: {
  /** The number the conversation opens with (international, any spacing). */
  phone: string;
  /** The text WhatsApp shows ready to send; recorded as it is, trimmed. */
  text: string;
  clientId: string;
  /** The order the message is about, if any. */
  orderId?: string | null;
  /** The link's accessible name, when its visible text is shorter. */
  label?: string;
  className?: string;
  /** Called once the opening is noted in the client's history. */
  onRecorded?: () => void;
  children: ReactNode;
}) {
  const can = useCan();
  const record = useCommand('recordWhatsAppOpened');
  const body = text.trim();
  const noteOpening = () => {
    if (!can('messages', 'create') || body.length === 0) return;
    void record.run({ clientId, orderId: orderId ?? null, body }).then((done) => {
      if (done) onRecorded?.();
    });
  };
  return (
    <>
      <a className={className} href={whatsappLink(phone, text)} target="_blank" rel="noopener noreferrer" aria-label={label}
        onClick={noteOpening} onAuxClick={(e) => { if (e.button === 1) noteOpening(); }}>
        {children}
      </a>
      <ErrorBanner error={record.error} />
    </>
  );
}
