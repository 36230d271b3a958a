/** The fabric and model photos, read from the host by hash (a thumbnail, the full photo on demand). */
import { useEffect, useState } from 'react';
import { host } from '../../../host/host.js';
import { useTexts } from '../../../app/locale.js';
import { defineTexts } from '../../../../../../shared/i18n/texts.js';

const TEXTS = defineTexts({
  fr: { title: 'Photos', fabric: 'Photo du tissu', model: 'Photo du modèle', missing: 'Photo pas encore arrivée sur cet appareil (elle viendra à la prochaine synchronisation).', loading: 'Chargement…', enlarge: 'Voir en grand' },
  en: { title: 'Photos', fabric: 'Fabric photo', model: 'Model photo', missing: 'Photo not on this device yet (it will come with the next sync).', loading: 'Loading…', enlarge: 'View full size' },
});

function PhotoThumb({ hash, label }: { hash: string; label: string }) {
  const t = useTexts(TEXTS);
  const [full, setFull] = useState(false);
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    host
      .invoke('files.get', { hash, thumb: !full })
      .then((file) => {
        if (!alive) return;
        made = file ? URL.createObjectURL(new Blob([file.bytes.slice()], { type: file.type })) : null;
        setUrl(made);
      })
      .catch(() => alive && setUrl(null));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [hash, full]);
  return (
    <figure className="o-photo" style={{ margin: 0 }}>
      {url ? <img src={url} alt={label} style={full ? { aspectRatio: 'auto', objectFit: 'contain' } : undefined} /> : <div className="placeholder">{url === null ? t.missing : t.loading}</div>}
      <figcaption className="row">
        <span>{label}</span>
        {url && !full ? <button type="button" className="small" onClick={() => setFull(true)}>{t.enlarge}</button> : null}
      </figcaption>
    </figure>
  );
}

export function OrderPhotos({ fabricPhoto, modelPhoto }: { fabricPhoto: string | null; modelPhoto: string | null }) {
  const t = useTexts(TEXTS);
  if (!fabricPhoto && !modelPhoto) return null;
  return (
    <section className="card" aria-labelledby="order-photos-title">
      <h2 id="order-photos-title" style={{ marginTop: 0 }}>{t.title}</h2>
      <div className="o-photos">
        {fabricPhoto ? <PhotoThumb hash={fabricPhoto} label={t.fabric} /> : null}
        {modelPhoto ? <PhotoThumb hash={modelPhoto} label={t.model} /> : null}
      </div>
    </section>
  );
}
