/**
 * The owner's public profile: specialties (the fixed codes, in words), price range, about,
 * WhatsApp, city (known cities suggested) and district, the position, new orders or not, and
 * published — with what is still missing to publish and the plan's refusal said before saving.
 * Saved as the synced `directory_profile` row (offline too); the preview shows the public page.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useCommand, useQuery } from '../../app/data.js';
import { fill, useTexts } from '../../app/locale.js';
import { useSession } from '../../app/session.js';
import { ErrorBanner, Loading } from '../../ui/components.js';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.js';
import { PRICE_RANGES, PRICE_RANGE_LABELS, SPECIALTIES, SPECIALTY_LABELS, type PriceRange, type Specialty } from '../../../../../shared/directory/directoryOptions.js';
import { KNOWN_CITIES } from '../../../../../shared/directory/cities.js';
import type { DirectoryProfileView, ProfileFields } from '../../../../../shared/engine/queries/directoryQueries.js';
import { useLocale } from '../../app/locale.js';
import { DIRECTORY_TEXTS } from './directoryTexts.js';
import { PositionPicker } from './PositionPicker.js';
import { ProfilePreview } from './ProfilePreview.js';
import { draftListing, draftPhotos } from './previewInput.js';

/** The profile's longest about text (shared/directory/profile.ts ABOUT_MAX; the engine checks it). */
const ABOUT_MAX = 1000;

function fieldsOf(view: DirectoryProfileView): ProfileFields {
  const { published, name, city, district, lat, lng, specialties, priceRange, about, whatsapp, acceptsOrders } = view;
  return { published, name, city, district, lat, lng, specialties, priceRange, about, whatsapp, acceptsOrders };
}

export function ProfileEditor() {
  const profile = useQuery('directoryProfile');
  if (!profile.data) return profile.error ? <ErrorBanner error={profile.error} /> : <Loading />;
  return <ProfileForm view={profile.data} />;
}

function ProfileForm({ view }: { view: DirectoryProfileView }) {
  const t = useTexts(DIRECTORY_TEXTS);
  const { locale } = useLocale();
  const ids = useId();
  const { session } = useSession();
  const save = useCommand('saveDirectoryProfile');
  const portfolio = useQuery('portfolio');
  const [draft, setDraft] = useState<ProfileFields>(() => fieldsOf(view));
  const [dirty, setDirty] = useState(false);
  const [savedNote, setSavedNote] = useState(false);
  const [showPreview, setShowPreview] = useState(false);

  // Changes that arrive by sync (another device) replace the form while it is not being edited.
  useEffect(() => {
    if (!dirty) setDraft(fieldsOf(view));
  }, [view, dirty]);

  function change(patch: Partial<ProfileFields>) {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setSavedNote(false);
  }

  function toggleSpecialty(code: Specialty, on: boolean) {
    change({ specialties: SPECIALTIES.filter((c) => (c === code ? on : draft.specialties.includes(c))) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await save.run(draft);
    if (done) {
      setDirty(false);
      setSavedNote(true);
    }
  }

  const draftKey = JSON.stringify(draft);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const listing = useMemo(() => draftListing(view.id, draft, view.updatedAt), [view.id, draftKey, view.updatedAt]);
  const photosKey = JSON.stringify(portfolio.data?.items ?? []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const photos = useMemo(() => draftPhotos(portfolio.data?.items ?? []), [photosKey]);
  const publicUrl = (session?.serverUrl ?? '').replace(/\/+$/, '');
  const missing = view.missing;

  return (
    <form className="d-profile" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">{t.intro}</p>
      <section className="card" aria-labelledby={`${ids}-state`}>
        <h2 id={`${ids}-state`} className="d-state" data-testid="publish-state">{view.published ? (view.planRefusal ? t.publishedHidden : t.publishedNow) : t.notPublished}</h2>
        {missing.length > 0 ? (
          <div data-testid="publish-missing">
            <p>{t.missingTitle}</p>
            <ul>
              {missing.map((m) => <li key={m}>{m === 'city' ? t.missingCity : t.missingPosition}</li>)}
            </ul>
          </div>
        ) : null}
        {view.planRefusal ? <p className="field-error" data-testid="plan-refusal">{view.planRefusal}</p> : null}
        {view.published && !view.planRefusal && publicUrl ? <p className="muted">{fill(t.publicAddress, { url: `${publicUrl}/s/${listing.slug}` })}</p> : null}
        <label className="d-check">
          <input type="checkbox" name="published" checked={draft.published} onChange={(e) => change({ published: e.currentTarget.checked })} />
          <span>{t.published}</span>
        </label>
      </section>

      <section className="card">
        <TextField id={`${ids}-name`} label={t.name} name="name" value={draft.name} maxLength={120} error={save.error} onChange={(e) => change({ name: e.currentTarget.value })} />
        <fieldset className="d-specialties">
          <legend>{t.specialties}</legend>
          {SPECIALTIES.map((code) => (
            <label key={code} className="d-check">
              <input type="checkbox" name="specialties" value={code} checked={draft.specialties.includes(code)} onChange={(e) => toggleSpecialty(code, e.currentTarget.checked)} />
              <span>{SPECIALTY_LABELS[locale][code]}</span>
            </label>
          ))}
        </fieldset>
        <SelectField
          id={`${ids}-price`}
          label={t.priceRange}
          name="priceRange"
          value={draft.priceRange ?? ''}
          error={save.error}
          options={[{ value: '', label: t.priceNone }, ...PRICE_RANGES.map((code) => ({ value: code, label: PRICE_RANGE_LABELS[locale][code] }))]}
          onChange={(e) => change({ priceRange: (e.currentTarget.value || null) as PriceRange | null })}
        />
        <TextAreaField id={`${ids}-about`} label={t.about} name="about" rows={4} maxLength={ABOUT_MAX} hint={fill(t.aboutHint, { max: ABOUT_MAX })} value={draft.about ?? ''} error={save.error} onChange={(e) => change({ about: e.currentTarget.value })} />
        <TextField id={`${ids}-whatsapp`} label={t.whatsapp} name="whatsapp" type="tel" inputMode="tel" autoComplete="tel" hint={t.whatsappHint} value={draft.whatsapp ?? ''} error={save.error} onChange={(e) => change({ whatsapp: e.currentTarget.value })} />
        <label className="d-check">
          <input type="checkbox" name="acceptsOrders" checked={draft.acceptsOrders} onChange={(e) => change({ acceptsOrders: e.currentTarget.checked })} />
          <span>{t.acceptsOrders}</span>
        </label>
      </section>

      <section className="card">
        <TextField id={`${ids}-city`} label={t.city} name="city" list={`${ids}-cities`} hint={t.cityHint} value={draft.city ?? ''} maxLength={80} error={save.error} onChange={(e) => change({ city: e.currentTarget.value })} />
        <datalist id={`${ids}-cities`}>
          {KNOWN_CITIES.map((c) => <option key={c.slug} value={c.name} />)}
        </datalist>
        <TextField id={`${ids}-district`} label={t.district} name="district" value={draft.district ?? ''} maxLength={80} error={save.error} onChange={(e) => change({ district: e.currentTarget.value })} />
        <PositionPicker value={draft.lat != null && draft.lng != null ? { lat: draft.lat, lng: draft.lng } : null} city={draft.city} onChange={(p) => change({ lat: p?.lat ?? null, lng: p?.lng ?? null })} />
        {save.error && (save.error.field === 'lat' || save.error.field === 'lng') ? <p className="field-error">{save.error.message}</p> : null}
      </section>

      <ErrorBanner error={save.error} />
      {savedNote ? <p role="status" className="d-saved">{t.saved}</p> : null}
      <div className="row wrap d-actions">
        <button type="submit" className="primary" disabled={save.busy}>{save.busy ? t.saving : t.save}</button>
        <button type="button" aria-expanded={showPreview} onClick={() => setShowPreview((s) => !s)}>{showPreview ? t.previewHide : t.previewShow}</button>
      </div>
      {showPreview ? (
        <section className="card" aria-label={t.preview}>
          <h2>{t.preview}</h2>
          <ProfilePreview listing={listing} photos={photos} publicUrl={publicUrl} />
        </section>
      ) : null}
    </form>
  );
}
