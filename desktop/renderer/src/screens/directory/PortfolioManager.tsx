/**
 * The portfolio: photos from the camera or a file (kept on this device by hash and uploaded when
 * online, like order photos), their thumbnails from the local files, caption, garment type and
 * published, the order (up and down buttons), removal after a confirmation, and the plan's count.
 */
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { host } from '../../host/host.js';
import { asError, engine, useQuery } from '../../app/data.js';
import { fill, useTexts } from '../../app/locale.js';
import { ConfirmButton, ErrorBanner, Loading } from '../../ui/components.js';
import type { HostErrorShape } from '../../../../../shared/host/channels.js';
import type { PortfolioPhoto } from '../../../../../shared/engine/queries/directoryQueries.js';
import type { GarmentType } from '../../../../../shared/engine/queries/settingsQueries.js';
import { DIRECTORY_TEXTS } from './directoryTexts.js';

function useLocalPhoto(hash: string): string | null | undefined {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    host
      .invoke('files.get', { hash, thumb: true })
      .then((file) => {
        if (!alive) return;
        made = file ? URL.createObjectURL(new Blob([file.bytes.slice()], { type: file.type === 'image/*' ? 'image/jpeg' : file.type })) : null;
        setUrl(made);
      })
      .catch(() => alive && setUrl(null));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [hash]);
  return url;
}

export function PortfolioManager() {
  const t = useTexts(DIRECTORY_TEXTS);
  const inputId = useId();
  const portfolio = useQuery('portfolio');
  const garments = useQuery('garmentTypes');
  const [error, setError] = useState<HostErrorShape | null>(null);
  const [adding, setAdding] = useState(false);

  async function act(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(asError(e));
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setAdding(true);
    await act(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { hash } = await host.invoke('files.put', { bytes, kind: 'portfolio' });
      await engine.execute('addPortfolioPhoto', { fileHash: hash });
    });
    setAdding(false);
    input.value = '';
  }

  const data = portfolio.data;
  if (!data) return portfolio.error ? <ErrorBanner error={portfolio.error} /> : <Loading />;
  const full = data.limit !== null && data.used >= data.limit;
  const items = data.items;

  function move(index: number, by: -1 | 1) {
    const ids = items.map((p) => p.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    void act(() => engine.execute('reorderPortfolio', { ids }));
  }

  return (
    <section className="d-portfolio" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t.portfolioTitle}</h2>
      <p className="muted">{t.portfolioIntro}</p>
      <p className="d-count" data-testid="portfolio-count">
        {data.limit === null ? fill(t.countNoLimit, { used: data.used }) : fill(t.count, { used: data.used, limit: data.limit })}
      </p>
      {full ? <p className="field-error" role="status" data-testid="portfolio-full">{fill(t.limitReached, { used: data.used, limit: data.limit! })}</p> : null}
      <div className="d-add">
        {/* The native input is hidden behind its label (a button to the eye): its own words are the browser's, not ours. */}
        <input id={inputId} className="d-file" type="file" accept="image/*" capture="environment" disabled={adding || full} onChange={(e) => void onFile(e)} data-testid="portfolio-file" />
        <label htmlFor={inputId} className={`d-add-button${adding || full ? ' disabled' : ''}`}>{adding ? t.adding : t.addPhoto}</label>
      </div>
      <ErrorBanner error={error} />
      {items.length === 0 ? <p className="empty">{t.noPhotos}</p> : null}
      <ol className="d-photos">
        {items.map((item, index) => (
          <PhotoCard key={item.id} item={item} n={index + 1} first={index === 0} last={index === items.length - 1} garments={garments.data ?? []} onMove={(by) => move(index, by)} act={act} />
        ))}
      </ol>
    </section>
  );
}

function PhotoCard({ item, n, first, last, garments, onMove, act }: {
  item: PortfolioPhoto;
  n: number;
  first: boolean;
  last: boolean;
  garments: GarmentType[];
  onMove(by: -1 | 1): void;
  act(work: () => Promise<unknown>): Promise<void>;
}) {
  const t = useTexts(DIRECTORY_TEXTS);
  const id = useId();
  const url = useLocalPhoto(item.fileHash);
  const [caption, setCaption] = useState(item.caption ?? '');
  useEffect(() => setCaption(item.caption ?? ''), [item.caption]);
  const label = fill(t.photo, { n });
  return (
    <li className="card d-photo" data-testid="portfolio-item">
      <div className="d-thumb">
        {url ? <img src={url} alt={item.caption || label} /> : <div className="placeholder">{url === null ? t.photoMissing : '…'}</div>}
        {!item.published ? <span className="d-badge">{t.hidden}</span> : null}
      </div>
      <div className="d-photo-fields">
        <div className="field">
          <label htmlFor={`${id}-caption`}>{t.caption}</label>
          <input id={`${id}-caption`} value={caption} maxLength={200} onChange={(e) => setCaption(e.currentTarget.value)}
            onBlur={() => { if (caption !== (item.caption ?? '')) void act(() => engine.execute('updatePortfolioPhoto', { id: item.id, caption })); }} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-garment`}>{t.garmentType}</label>
          <select id={`${id}-garment`} value={item.garmentTypeId ?? ''} onChange={(e) => { const garmentTypeId = e.currentTarget.value || null; void act(() => engine.execute('updatePortfolioPhoto', { id: item.id, garmentTypeId })); }}>
            <option value="">{t.garmentNone}</option>
            {garments.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </div>
        <label className="d-check">
          <input type="checkbox" checked={item.published} onChange={(e) => { const published = e.currentTarget.checked; void act(() => engine.execute('updatePortfolioPhoto', { id: item.id, published })); }} />
          <span>{t.photoPublished}</span>
        </label>
        <div className="row wrap">
          <button type="button" className="small" disabled={first} aria-label={fill(t.moveUp, { n })} onClick={() => onMove(-1)}>↑</button>
          <button type="button" className="small" disabled={last} aria-label={fill(t.moveDown, { n })} onClick={() => onMove(1)}>↓</button>
          <ConfirmButton label={t.remove} question={t.removeQuestion} confirm={t.removeConfirm} cancel={t.cancel} className="small danger" onConfirm={() => void act(() => engine.execute('removePortfolioPhoto', { id: item.id }))} />
        </div>
      </div>
    </li>
  );
}
