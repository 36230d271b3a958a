/**
 * Where the workshop is: picked on the map (Leaflet, OpenStreetMap tiles), or "Je suis à
 * l'atelier" (the device's position), or the city's centre when neither can be had. Without the
 * map (offline, its tiles or its code not loaded) the two buttons still work.
 */
import { useEffect, useRef, useState } from 'react';
import { fill, useLocale, useTexts } from '../../app/locale.js';
import { decimal } from '../../ui/format.js';
import { findCity } from '../../../../../shared/directory/cities.js';
import { DIRECTORY_TEXTS, type DirectoryText } from './directoryTexts.js';
import { locateDevice, roundCoordinate, type GeoFailure } from './geolocation.js';
import type { PickerMap } from './leafletMap.js';

export interface Position {
  lat: number;
  lng: number;
}

const DEFAULT_CENTRE: Position = { lat: 6.3703, lng: 2.3912 };

export function PositionPicker({ value, city, onChange }: { value: Position | null; city: string | null; onChange(position: Position | null): void }) {
  const t = useTexts(DIRECTORY_TEXTS);
  const { locale } = useLocale();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<PickerMap | null>(null);
  const [mapFailed, setMapFailed] = useState(false);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [locating, setLocating] = useState(false);
  const pick = useRef(onChange);
  pick.current = onChange;
  const known = city ? findCity(city) : undefined;
  const centre = known ? { lat: known.lat, lng: known.lng } : DEFAULT_CENTRE;

  useEffect(() => {
    let alive = true;
    import('./leafletMap.js')
      .then(({ createPickerMap }) => {
        if (!alive || !element.current) return;
        map.current = createPickerMap(element.current, {
          attribution: t.attribution,
          onPick: (lat, lng) => pick.current({ lat: roundCoordinate(lat), lng: roundCoordinate(lng) }),
          onTilesFailed: () => alive && setMapFailed(true),
        });
        map.current.show(value, centre);
      })
      .catch(() => alive && setMapFailed(true));
    return () => {
      alive = false;
      map.current?.destroy();
      map.current = null;
    };
    // The map is made once; `show` below follows the value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    map.current?.show(value, centre);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value?.lat, value?.lng, centre.lat, centre.lng]);

  async function here() {
    setLocating(true);
    setStatus({ kind: 'info', text: t.locating });
    try {
      const found = await locateDevice();
      onChange({ lat: found.lat, lng: found.lng });
      setStatus({ kind: 'info', text: fill(t.geoAccuracy, { m: found.accuracy }) });
    } catch (failure) {
      setStatus({ kind: 'error', text: t[(typeof failure === 'string' ? failure : 'geoUnavailable') as GeoFailure & DirectoryText] });
    } finally {
      setLocating(false);
    }
  }

  return (
    <fieldset className="d-position">
      <legend>{t.position}</legend>
      <p className="muted">{t.positionHelp}</p>
      <div ref={element} className="d-map" role="application" aria-label={t.mapLabel} data-testid="position-map" />
      {mapFailed ? <p className="muted" data-testid="map-unavailable">{t.mapUnavailable}</p> : null}
      <p data-testid="position-value" aria-live="polite">
        {value ? fill(t.positionSet, { lat: decimal(value.lat, locale), lng: decimal(value.lng, locale) }) : t.positionNone}
      </p>
      <div className="row wrap">
        <button type="button" onClick={() => void here()} disabled={locating}>{t.hereButton}</button>
        {known ? (
          <button type="button" onClick={() => { onChange({ lat: known.lat, lng: known.lng }); setStatus({ kind: 'info', text: fill(t.cityCentre, { city: known.name }) }); }}>
            {t.cityCentreButton}
          </button>
        ) : null}
        {value ? <button type="button" className="small" onClick={() => onChange(null)}>{t.clearPosition}</button> : null}
      </div>
      {status ? <p className={status.kind === 'error' ? 'field-error' : 'muted'} role={status.kind === 'error' ? 'alert' : 'status'}>{status.text}</p> : null}
    </fieldset>
  );
}
