/** What the files area says: every error code with its status, and its French and English text. */
import { defineTexts, text, type Locale } from '../../shared/i18n/texts.js';
import { HttpError } from '../http/errors.js';

export const filesTexts = defineTexts({
  fr: {
    forbidden: 'Un lecteur ne peut pas envoyer de photos.',
    not_found: 'Photo introuvable.',
    invalid_range: 'En-tête Content-Range invalide : attendu « bytes début-fin/total ».',
    range_mismatch: 'Ce morceau ne suit pas ce que le serveur a déjà reçu : reprenez l’envoi à partir de « received ».',
    size_mismatch: 'La taille totale annoncée ne correspond pas à l’envoi déjà commencé pour cette photo.',
    chunk_too_large: 'Morceau trop gros : 1 Mo au plus par envoi.',
    file_too_large: 'Photo trop lourde : 15 Mo au plus.',
    empty_body: 'Aucune donnée reçue pour cette photo.',
    incomplete_body: 'Le morceau est arrivé incomplet : renvoyez-le.',
    unsupported_encoding: 'Envoyez les octets de la photo tels quels, sans compression de transport.',
    hash_mismatch: 'Le fichier reçu ne correspond pas à son empreinte SHA-256 : il a été abîmé en route, renvoyez-le depuis le début.',
    not_an_image: 'Ce fichier n’est pas une photo lisible (JPEG, PNG, WebP, GIF, TIFF ou AVIF), ou elle est trop grande.',
  },
  en: {
    forbidden: 'A viewer cannot upload photos.',
    not_found: 'Photo not found.',
    invalid_range: 'Invalid Content-Range header: expected "bytes start-end/total".',
    range_mismatch: 'This chunk does not follow what the server already has: resume the upload from "received".',
    size_mismatch: 'The announced total size does not match the upload already started for this photo.',
    chunk_too_large: 'Chunk too large: at most 1 MB per request.',
    file_too_large: 'Photo too large: at most 15 MB.',
    empty_body: 'No data received for this photo.',
    incomplete_body: 'The chunk arrived incomplete: send it again.',
    unsupported_encoding: 'Send the photo bytes as they are, without transfer compression.',
    hash_mismatch: 'The received file does not match its SHA-256 hash: it was damaged on the way, send it again from the start.',
    not_an_image: 'This file is not a readable photo (JPEG, PNG, WebP, GIF, TIFF or AVIF), or it is too large.',
  },
});

export type FilesErrorCode = keyof typeof filesTexts.fr;

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
  return new HttpError(STATUS[code], code, text(filesTexts, locale, code), extra);
}
