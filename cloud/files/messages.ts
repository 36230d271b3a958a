/** What the files area says to people, in French first and in English. */
import type { Locale } from '../../shared/i18n/index.js';
import { HttpError } from '../http/errors.js';

const TEXT = {
  forbidden: { fr: 'Un lecteur ne peut pas envoyer de photos.', en: 'A viewer cannot upload photos.' },
  not_found: { fr: 'Photo introuvable.', en: 'Photo not found.' },
  invalid_range: {
    fr: 'En-tête Content-Range invalide : attendu « bytes début-fin/total ».',
    en: 'Invalid Content-Range header: expected "bytes start-end/total".',
  },
  range_mismatch: {
    fr: 'Ce morceau ne suit pas ce que le serveur a déjà reçu : reprenez l’envoi à partir de « received ».',
    en: 'This chunk does not follow what the server already has: resume the upload from "received".',
  },
  size_mismatch: {
    fr: 'La taille totale annoncée ne correspond pas à l’envoi déjà commencé pour cette photo.',
    en: 'The announced total size does not match the upload already started for this photo.',
  },
  chunk_too_large: { fr: 'Morceau trop gros : 1 Mo au plus par envoi.', en: 'Chunk too large: at most 1 MB per request.' },
  file_too_large: { fr: 'Photo trop lourde : 15 Mo au plus.', en: 'Photo too large: at most 15 MB.' },
  empty_body: { fr: 'Aucune donnée reçue pour cette photo.', en: 'No data received for this photo.' },
  incomplete_body: {
    fr: 'Le morceau est arrivé incomplet : renvoyez-le.',
    en: 'The chunk arrived incomplete: send it again.',
  },
  unsupported_encoding: {
    fr: 'Envoyez les octets de la photo tels quels, sans compression de transport.',
    en: 'Send the photo bytes as they are, without transfer compression.',
  },
  hash_mismatch: {
    fr: 'Le fichier reçu ne correspond pas à son empreinte SHA-256 : il a été abîmé en route, renvoyez-le depuis le début.',
    en: 'The received file does not match its SHA-256 hash: it was damaged on the way, send it again from the start.',
  },
  not_an_image: {
    fr: 'Ce fichier n’est pas une photo lisible (JPEG, PNG, WebP, GIF, TIFF ou AVIF), ou elle est trop grande.',
    en: 'This file is not a readable photo (JPEG, PNG, WebP, GIF, TIFF or AVIF), or it is too large.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type FilesErrorCode = keyof typeof TEXT;

const STATUS: Record<FilesErrorCode, number> = {
  forbidden: 403,
  not_found: 404,
  invalid_range: 400,
  range_mismatch: 409,
  size_mismatch: 409,
  chunk_too_large: 413,
  file_too_large: 413,
  empty_body: 400,
  incomplete_body: 400,
  unsupported_encoding: 415,
  hash_mismatch: 400,
  not_an_image: 415,
};

export function filesError(code: FilesErrorCode, locale: Locale, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(STATUS[code], code, TEXT[code][locale], extra);
}
