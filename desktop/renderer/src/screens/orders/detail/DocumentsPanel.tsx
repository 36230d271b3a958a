/**
 * « Reçu (PDF) » and « Fiche de mesures (PDF) »: the PDF code is loaded only when asked for; once
 * built, the file can be opened (to print), shared (WhatsApp… through the phone's share sheet) or saved.
 */
import { useEffect, useState } from 'react';
import { fill, useLocale, useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import type { GarmentType, WorkshopSettings } from '../../../../../../shared/engine/queries/settingsQueries.js';

const TEXTS = defineTexts({
  fr: {
    receipt: 'Reçu (PDF)', sheet: 'Fiche de mesures (PDF)', building: 'Préparation du PDF…', ready: '{name} est prêt.',
    open: 'Ouvrir / imprimer', share: 'Partager', download: 'Télécharger', close: 'Fermer', failed: 'Le PDF n’a pas pu être préparé : {reason}',
    title: 'Documents',
  },
  en: {
    receipt: 'Receipt (PDF)', sheet: 'Measurement sheet (PDF)', building: 'Preparing the PDF…', ready: '{name} is ready.',
    open: 'Open / print', share: 'Share', download: 'Download', close: 'Close', failed: 'The PDF could not be prepared: {reason}',
    title: 'Documents',
  },
});

interface Ready {
  file: File;
  url: string;
  /** The order's history length when built: a later change makes the file stale. */
  version: number;
}

export function DocumentsPanel({ order, settings, garment }: { order: OrderDetail; settings: WorkshopSettings | null | undefined; garment: GarmentType | undefined }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState<Ready | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => () => {
    if (ready) URL.revokeObjectURL(ready.url);
  }, [ready]);

  async function build(kind: 'receipt' | 'sheet') {
    if (!settings) return;
    setBusy(true);
    setFailure(null);
    setReady(null);
    try {
      const documents = await import('./orderDocuments.js');
      const file = kind === 'receipt' ? await documents.receiptFile(order, settings, locale) : await documents.measurementSheetFile(order, settings, garment, locale);
      setReady({ file, url: URL.createObjectURL(file), version: order.events.length });
    } catch (error) {
      setFailure(fill(t.failed, { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  function download(doc: Ready) {
    const link = document.createElement('a');
    link.href = doc.url;
    link.download = doc.file.name;
    document.body.append(link);
    link.click();
    link.remove();
  }

  function open(doc: Ready) {
    // Where a new window is refused (the desktop app), the file is saved instead.
    if (!window.open(doc.url, '_blank')) download(doc);
  }

  async function share(doc: Ready) {
    try {
      await navigator.share({ files: [doc.file], title: doc.file.name });
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) download(doc);
    }
  }

  const canShare = (doc: Ready) => typeof navigator.canShare === 'function' && navigator.canShare({ files: [doc.file] });
  return (
    <section className="card" aria-labelledby="order-docs-title">
      <h2 id="order-docs-title" style={{ marginTop: 0 }}>{t.title}</h2>
      <div className="o-docs">
        <button type="button" disabled={busy || !settings} onClick={() => void build('receipt')}>{t.receipt}</button>
        <button type="button" disabled={busy || !settings || !order.measurements} onClick={() => void build('sheet')}>{t.sheet}</button>
      </div>
      {busy ? <p className="muted" role="status">{t.building}</p> : null}
      {failure ? <p className="error-banner" role="alert">{failure}</p> : null}
      {ready && ready.version === order.events.length ? (
        <div className="o-docs" style={{ marginTop: '0.5rem' }} data-testid="pdf-ready">
          <span role="status">{fill(t.ready, { name: ready.file.name })}</span>
          <button type="button" className="primary" onClick={() => open(ready)}>{t.open}</button>
          {canShare(ready) ? <button type="button" onClick={() => void share(ready)}>{t.share}</button> : null}
          <a className="o-btn" href={ready.url} download={ready.file.name}>{t.download}</a>
          <button type="button" onClick={() => setReady(null)}>{t.close}</button>
        </div>
      ) : null}
    </section>
  );
}
