/**
 * A photo from the camera or a file: the bytes go to the host (kept locally, uploaded when
 * online), the order keeps the content hash, the screen shows a thumbnail from a blob URL.
 */
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { host } from '../../../host/host.js';
import { asError } from '../../../app/data.js';
import { useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';
import type { FileKind } from '../../../../../../shared/domain/fileKinds.js';

const TEXTS = defineTexts({
  fr: { none: 'Pas encore de photo', saving: 'Enregistrement de la photo…', remove: 'Retirer la photo', kept: 'Photo enregistrée' },
  en: { none: 'No photo yet', saving: 'Saving the photo…', remove: 'Remove the photo', kept: 'Photo saved' },
});

export function PhotoInput({ label, kind, name, hash, onChange }: {
  label: string;
  kind: Exclude<FileKind, 'portfolio'>;
  name: string;
  hash: string | null;
  onChange(hash: string | null): void;
}) {
  const t = useTexts(TEXTS);
  const id = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const stored = await host.invoke('files.put', { bytes, kind });
      setPreview(URL.createObjectURL(file));
      onChange(stored.hash);
    } catch (error) {
      setFailure(asError(error).message);
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  return (
    <div className="o-photo">
      <label htmlFor={id}>
        <strong>{label}</strong>
      </label>
      {preview && hash ? <img src={preview} alt={label} /> : <div className="placeholder">{hash ? t.kept : t.none}</div>}
      <input id={id} name={name} type="file" accept="image/*" capture="environment" disabled={busy} onChange={(e) => void onFile(e)} />
      {busy ? <small className="muted" role="status">{t.saving}</small> : null}
      {failure ? <small className="field-error" role="alert">{failure}</small> : null}
      {hash ? (
        <button type="button" className="small" onClick={() => { setPreview(null); onChange(null); }}>
          {t.remove}
        </button>
      ) : null}
    </div>
  );
}
