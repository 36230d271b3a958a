/** The directory's public paths, in one place for the pages, the API and the counting routes. */
export const DIRECTORY_PATH = '/annuaire';

export function profilePath(slug: string): string {
  return `/s/${slug}`;
}

export function cityPath(citySlug: string): string {
  return `${DIRECTORY_PATH}/${citySlug}`;
}

/** A portfolio photo's 400 px WebP, served publicly while its profile shows it. */
export function photoPath(slug: string, fileHash: string): string {
  return `/s/${slug}/photos/${fileHash}.webp`;
}

/** Counting routes (cloud/directory/audience): the view beacon, the WhatsApp redirect, the call ping, the report form. */
export function viewBeaconPath(slug: string): string {
  return `/s/${slug}/vue.gif`;
}

export function whatsappPath(slug: string): string {
  return `/s/${slug}/whatsapp`;
}

export function callPingPath(slug: string): string {
  return `/s/${slug}/appel`;
}

export function reportPath(slug: string): string {
  return `/s/${slug}/signaler`;
}
