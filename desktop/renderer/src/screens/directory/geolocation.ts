/**
 * "Je suis à l'atelier": the device's position once, with why it failed in words the screen
 * shows (refused, not found, too slow, no location on this device).
 */
export type GeoFailure = 'geoDenied' | 'geoUnavailable' | 'geoTimeout' | 'geoUnsupported';

export interface Located {
  lat: number;
  lng: number;
  /** Metres. */
  accuracy: number;
}

export function locateDevice(geolocation: Geolocation | undefined = globalThis.navigator?.geolocation, timeoutMs = 20_000): Promise<Located> {
  return new Promise((resolve, reject: (failure: GeoFailure) => void) => {
    if (!geolocation) return reject('geoUnsupported');
    geolocation.getCurrentPosition(
      (p) => resolve({ lat: roundCoordinate(p.coords.latitude), lng: roundCoordinate(p.coords.longitude), accuracy: Math.round(p.coords.accuracy) }),
      (e) => reject(e.code === e.PERMISSION_DENIED ? 'geoDenied' : e.code === e.TIMEOUT ? 'geoTimeout' : 'geoUnavailable'),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** Five decimals: about a metre, all a workshop's door needs. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}
