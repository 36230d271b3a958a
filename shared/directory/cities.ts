/**
 * Cities of the five countries the directory starts with, and their centres: the `/annuaire/<ville>`
 * landing pages and a search without the searcher's position (a city typed, a city page) measure
 * distances from here. Coordinates are the usual centre of each city, to about a kilometre.
 */
import { slugify } from './slug.js';

export interface KnownCity {
  slug: string;
  name: string;
  country: 'BJ' | 'TG' | 'CI' | 'SN' | 'BF';
  lat: number;
  lng: number;
}

const CITIES: readonly Omit<KnownCity, 'slug'>[] = [
  { name: 'Cotonou', country: 'BJ', lat: 6.3703, lng: 2.3912 },
  { name: 'Porto-Novo', country: 'BJ', lat: 6.4969, lng: 2.6289 },
  { name: 'Abomey-Calavi', country: 'BJ', lat: 6.4485, lng: 2.3557 },
  { name: 'Parakou', country: 'BJ', lat: 9.337, lng: 2.6303 },
  { name: 'Bohicon', country: 'BJ', lat: 7.1783, lng: 2.0667 },
  { name: 'Abomey', country: 'BJ', lat: 7.1829, lng: 1.9912 },
  { name: 'Ouidah', country: 'BJ', lat: 6.3631, lng: 2.0851 },
  { name: 'Lokossa', country: 'BJ', lat: 6.6387, lng: 1.7167 },
  { name: 'Natitingou', country: 'BJ', lat: 10.3042, lng: 1.3796 },
  { name: 'Djougou', country: 'BJ', lat: 9.7085, lng: 1.666 },
  { name: 'Lomé', country: 'TG', lat: 6.1319, lng: 1.2228 },
  { name: 'Sokodé', country: 'TG', lat: 8.9833, lng: 1.1333 },
  { name: 'Kara', country: 'TG', lat: 9.5511, lng: 1.1861 },
  { name: 'Kpalimé', country: 'TG', lat: 6.9, lng: 0.6333 },
  { name: 'Atakpamé', country: 'TG', lat: 7.5333, lng: 1.1333 },
  { name: 'Abidjan', country: 'CI', lat: 5.36, lng: -4.0083 },
  { name: 'Bouaké', country: 'CI', lat: 7.6906, lng: -5.03 },
  { name: 'Yamoussoukro', country: 'CI', lat: 6.8276, lng: -5.2893 },
  { name: 'Daloa', country: 'CI', lat: 6.8774, lng: -6.4502 },
  { name: 'San-Pédro', country: 'CI', lat: 4.7485, lng: -6.6363 },
  { name: 'Korhogo', country: 'CI', lat: 9.458, lng: -5.6296 },
  { name: 'Dakar', country: 'SN', lat: 14.7167, lng: -17.4677 },
  { name: 'Thiès', country: 'SN', lat: 14.791, lng: -16.9359 },
  { name: 'Saint-Louis', country: 'SN', lat: 16.0179, lng: -16.4896 },
  { name: 'Kaolack', country: 'SN', lat: 14.152, lng: -16.0726 },
  { name: 'Ziguinchor', country: 'SN', lat: 12.5681, lng: -16.2719 },
  { name: 'Touba', country: 'SN', lat: 14.85, lng: -15.8833 },
  { name: 'Mbour', country: 'SN', lat: 14.4199, lng: -16.965 },
  { name: 'Ouagadougou', country: 'BF', lat: 12.3714, lng: -1.5197 },
  { name: 'Bobo-Dioulasso', country: 'BF', lat: 11.1771, lng: -4.2979 },
  { name: 'Koudougou', country: 'BF', lat: 12.2526, lng: -2.3627 },
  { name: 'Ouahigouya', country: 'BF', lat: 13.5828, lng: -2.4216 },
  { name: 'Banfora', country: 'BF', lat: 10.6333, lng: -4.7667 },
];

export const KNOWN_CITIES: readonly KnownCity[] = CITIES.map((city) => ({ ...city, slug: slugify(city.name) }));

const BY_SLUG = new Map(KNOWN_CITIES.map((city) => [city.slug, city]));

/** A known city by its slug or by its name as typed ("lome", "Lomé", "LOME"). */
export function findCity(nameOrSlug: string): KnownCity | undefined {
  return BY_SLUG.get(slugify(nameOrSlug));
}
