/**
 * The public page as it will look, before publishing: the very page the cloud serves
 * (shared/directory/pages/profilePage.ts, loaded on demand) in preview mode, from this device's
 * rows — the profile as edited and the published portfolio photos as object URLs of the local
 * files — in a sandboxed frame (no script runs in it; its links are inert).
 */
import { useEffect, useState } from 'react';
import { host } from '../../host/host.js';
import { useLocale, useTexts } from '../../app/locale.js';
import type { PublicListing, PublicPhoto } from '../../../../../shared/directory/listingTypes.js';
import { DIRECTORY_TEXTS } from './directoryTexts.js';

/** Object URLs of the photos this device has (a photo not here yet is simply left blank). */
function usePhotoUrls(hashes: readonly string[]): Map<string, string> | null {
  const [urls, setUrls] = useState<Map<string, string> | null>(null);
  const key = hashes.join(',');
  useEffect(() => {
    let alive = true;
    const made = new Map<string, string>();
    void Promise.all(
      hashes.map(async (hash) => {
        const file = await host.invoke('files.get', { hash }).catch(() => null);
        if (file) made.set(hash, URL.createObjectURL(new Blob([file.bytes.slice()], { type: file.type === 'image/*' ? 'image/jpeg' : file.type })));
      }),
    ).then(() => alive && setUrls(made));
    return () => {
      alive = false;
      for (const url of made.values()) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return urls;
}

export function ProfilePreview({ listing, photos, publicUrl }: { listing: PublicListing; photos: PublicPhoto[]; publicUrl: string }) {
  const t = useTexts(DIRECTORY_TEXTS);
  const { locale } = useLocale();
  const urls = usePhotoUrls(photos.map((p) => p.fileHash));
  const [html, setHtml] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!urls) return;
    let alive = true;
    import('../../../../../shared/directory/pages/profilePage.js')
      .then(({ renderProfilePage }) => {
        if (!alive) return;
        const shown = photos.filter((p) => urls.has(p.fileHash));
        setHtml(renderProfilePage({ listing, photos: shown, publicUrl, locale, preview: { photoSrc: (hash) => urls.get(hash) ?? '' } }));
      })
      .catch(() => alive && setHtml(null));
    return () => {
      alive = false;
    };
  }, [listing, photos, publicUrl, locale, urls]);
  if (html === null) return <p className="muted">{t.previewUnavailable}</p>;
  if (html === undefined) return <p className="loading" aria-busy="true">…</p>;
  // allow-same-origin without allow-scripts: the frame reads the blob: photos, and runs nothing.
  return <iframe className="d-preview" title={t.previewFrame} sandbox="allow-same-origin" srcDoc={html} data-testid="profile-preview" />;
}
