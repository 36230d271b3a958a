/** Measurement sheets per garment type: a new sheet pre-filled from the last one, and the full history. */
import { useMemo, useState } from 'react';
import { Page, ErrorBanner, Loading } from '../../ui/components.js';
import { dateTime } from '../../ui/format.js';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { useCan } from '../../app/session.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import { href, navigate, type Route } from '../../app/router.js';
import { useQuery } from '../../app/data.js';
import { SelectField } from '../../ui/fields.js';
import { SheetForm } from './SheetForm.js';
import { SheetHistory } from './SheetHistory.js';

const TEXTS = defineTexts({
  fr: {
    title: 'Mesures', titleOf: 'Mesures — {name}', back: '← Fiche client', garment: 'Modèle (type de vêtement)', none: 'Sans modèle (mesures générales)',
    newSheet: 'Nouvelle prise de mesures', saved: 'Mesures enregistrées. L’ancienne fiche reste dans l’historique.',
  },
  en: {
    title: 'Measurements', titleOf: 'Measurements — {name}', back: '← Client card', garment: 'Garment type', none: 'No garment (general measurements)',
    newSheet: 'New measurements', saved: 'Measurements saved. The previous sheet stays in the history.',
  },
});

const NONE = 'none';

export function MeasurementsScreen({ clientId, route }: { clientId: string; route: Route }) {
  const t = useTexts(TEXTS);
  const { locale } = useLocale();
  const can = useCan();
  const card = useQuery('clientCard', { id: clientId });
  const garmentTypes = useQuery('garmentTypes');
  const settings = useQuery('settings');
  const members = useQuery('members');
  const all = useQuery('sheetHistory', { clientId, garmentTypeId: null });
  const [savedFor, setSavedFor] = useState<string | null>(null);

  const types = garmentTypes.data ?? [];
  const sheets = all.data ?? [];
  const asked = route.query.get('garment');
  // Default: the garment of the client's latest sheet, else the first garment type.
  const selected = asked ?? (all.data && garmentTypes.data ? sheets[0]?.garmentTypeId ?? types[0]?.id ?? NONE : null);
  const garmentTypeId = selected === NONE ? null : selected;
  const draft = useQuery('sheetDraft', { clientId, garmentTypeId }, selected !== null);

  const garmentNames = useMemo(() => new Map(types.map((g) => [g.id, g.name])), [types]);
  const memberNames = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const allCustom = useMemo(() => types.flatMap((g) => g.customFields), [types]);
  const history = selected === NONE ? sheets : sheets.filter((s) => s.garmentTypeId === garmentTypeId);

  const choose = (value: string) => {
    setSavedFor(null);
    navigate(`clients/${clientId}/measurements?garment=${encodeURIComponent(value)}`);
  };

  const name = card.data?.client.name;
  const error = card.error ?? garmentTypes.error ?? all.error ?? draft.error;
  return (
    <Page title={name ? fill(t.titleOf, { name }) : t.title}>
      <p><a href={href(`clients/${clientId}`)}>{t.back}</a></p>
      <ErrorBanner error={error} />
      {selected === null ? <Loading /> : (
        <>
          <SelectField
            id="sheet-garment" label={t.garment} name="garment" value={selected} onChange={(e) => choose(e.target.value)}
            options={[...types.map((g) => ({ value: g.id, label: g.name })), { value: NONE, label: t.none }]}
          />
          {can('measurement_sheets', 'create') ? (
            <section className="card" aria-labelledby="new-sheet-title">
              <h2 id="new-sheet-title">{t.newSheet}</h2>
              {savedFor === selected ? <p role="status" className="badge ok">{t.saved}</p> : null}
              {draft.data && draft.data.garmentTypeId === garmentTypeId ? (
                <SheetForm
                  key={`${selected}|${draft.data.lastSheetId ?? ''}`}
                  clientId={clientId}
                  draft={draft.data}
                  defaultUnit={settings.data?.unit ?? 'cm'}
                  lastTakenLabel={draft.data.lastTakenAt ? dateTime(draft.data.lastTakenAt, locale) : null}
                  onSaved={() => setSavedFor(selected)}
                />
              ) : <Loading />}
            </section>
          ) : null}
          <SheetHistory sheets={history} garments={garmentNames} members={memberNames} custom={allCustom} />
        </>
      )}
    </Page>
  );
}
