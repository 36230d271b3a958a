/**
 * Settings › Exporter toutes les données (owner): one click builds the ZIP in the host (the
 * Electron main process or the browser's engine worker, from the local database: offline too),
 * a <progress> follows the host's `export` events, then the bytes are saved with an anchor
 * download — the browser's downloads, or Electron's save dialog.
 */
import { useEffect, useState } from 'react';
import { host } from '../../host/host.js';
import { useRole } from '../../app/session.js';
import { useTexts } from '../../app/locale.js';
import { fill } from '../../../../../shared/i18n/texts.js';
import { ErrorBanner } from '../../ui/components.js';
import type { ChannelResults, HostErrorShape } from '../../../../../shared/host/channels.js';
import { EXPORT_DATA_TEXTS } from './exportDataTexts.js';
import { mayExportEverything } from '../../../../../shared/export/exportRights.js';

type Progress = { phase: 'rows' | 'photos' | 'done'; done: number; total: number };

function saveFile(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the address is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportData() {
  const t = useTexts(EXPORT_DATA_TEXTS);
  const owner = mayExportEverything(useRole());
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ChannelResults['export.workshop'] | null>(null);
  const [error, setError] = useState<HostErrorShape | null>(null);

  useEffect(
    () =>
      host.subscribe((event) => {
        if (event.type === 'export') setProgress({ phase: event.phase, done: event.done, total: event.total });
      }),
    [],
  );

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      const built = await host.invoke('export.workshop', {});
      saveFile(built.bytes, built.fileName);
      setResult(built);
    } catch (caught) {
      setError(caught as HostErrorShape);
    } finally {
      setBusy(false);
    }
  };

  const status = progress && busy ? fill(progress.phase === 'rows' ? t.rows : t.photos, { done: progress.done, total: progress.total }) : null;
  return (
    <section className="card" aria-labelledby="settings-export-title" style={{ marginTop: '1rem' }}>
      <h2 id="settings-export-title" style={{ marginTop: 0 }}>{t.title}</h2>
      <p className="muted">{t.hint}</p>
      {!owner ? <p className="muted">{t.ownerOnly}</p> : null}
      <button type="button" className="primary" disabled={!owner || busy} onClick={() => void run()}>
        {t.button}
      </button>
      {progress ? (
        <div className="field">
          <progress aria-label={t.progressLabel} value={progress.done} max={Math.max(progress.total, 1)} data-phase={progress.phase} style={{ width: '100%' }} />
          {status ? <small>{status}</small> : null}
        </div>
      ) : null}
      {result ? (
        <p className="badge ok" role="status">
          {fill(t.done, { file: result.fileName, size: Math.max(1, Math.round(result.bytes.length / 1024)), rows: result.rows, photos: result.photos })}
        </p>
      ) : null}
      {result && result.missingPhotos > 0 ? <p className="muted">{fill(t.missing, { count: result.missingPhotos })}</p> : null}
      <ErrorBanner error={error} />
    </section>
  );
}
