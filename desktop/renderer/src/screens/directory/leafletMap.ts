/**
 * The position picker's map (loaded on demand: Leaflet is not in the app's first download):
 * OpenStreetMap tiles with their attribution, a round marker (no image to load) where the
 * workshop is, a tap or click moves it.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export interface PickerMap {
  show(position: { lat: number; lng: number } | null, centre: { lat: number; lng: number }): void;
  destroy(): void;
}

export const TILE_URL = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png';

export function createPickerMap(
  element: HTMLElement,
  options: { onPick(lat: number, lng: number): void; onTilesFailed(): void; attribution: string },
): PickerMap {
  const map = L.map(element, { zoomControl: true, attributionControl: true }).setView([6.3703, 2.3912], 13);
  const tiles = L.tileLayer(TILE_URL, { maxZoom: 19, attribution: options.attribution });
  let failed = false;
  tiles.on('tileerror', () => {
    if (failed) return;
    failed = true;
    options.onTilesFailed();
  });
  tiles.addTo(map);
  let marker: L.CircleMarker | null = null;
  map.on('click', (event: L.LeafletMouseEvent) => options.onPick(event.latlng.lat, event.latlng.lng));
  return {
    show(position, centre) {
      if (position) {
        if (!marker) marker = L.circleMarker([position.lat, position.lng], { radius: 10, color: '#7a3e9d', fillOpacity: 0.7 }).addTo(map);
        else marker.setLatLng([position.lat, position.lng]);
        map.setView([position.lat, position.lng], Math.max(map.getZoom(), 15));
      } else {
        marker?.remove();
        marker = null;
        map.setView([centre.lat, centre.lng], 13);
      }
    },
    destroy() {
      map.remove();
    },
  };
}
