/**
 * Turns an uploaded original into what the workshop sees: a WebP of at most 1200 px on its
 * longest side and a 400 px thumbnail, never enlarged, turned upright from the EXIF orientation,
 * with every metadata block (EXIF, GPS position, ICC profile) left out. Anything sharp cannot
 * fully decode as a photo, or whose pixel count is a decompression bomb, is refused.
 */
import sharp, { type Sharp } from 'sharp';

export const FULL_SIDE = 1200;
export const THUMB_SIDE = 400;
const QUALITY = 80;
const THUMB_QUALITY = 75;
/** 100 megapixels: above every phone camera in use, far below a decompression bomb. */
export const MAX_INPUT_PIXELS = 100_000_000;
/** Formats a photo may arrive in. SVG, PDF and the like are not photos. */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);

export interface ProcessedVariant {
  data: Buffer;
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** Format of the original as sharp read it. */
  format: string;
  full: ProcessedVariant;
  thumb: ProcessedVariant;
}

export class NotAnImageError extends Error {
  override name = 'NotAnImageError';
}

function open(original: Buffer): Sharp {
  // failOn 'error': a truncated or corrupt file fails; the harmless warnings cheap phones
  // leave in their JPEGs do not. Only the first frame of an animation is kept.
  return sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false, sequentialRead: true });
}

async function variant(original: Buffer, side: number, quality: number): Promise<ProcessedVariant> {
  const { data, info } = await open(original)
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .webp({ quality, effort: 4 })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export async function processImage(original: Buffer): Promise<ProcessedImage> {
  try {
    const meta = await open(original).metadata();
    if (!meta.format || !PHOTO_FORMATS.has(meta.format)) throw new NotAnImageError(`unsupported format ${meta.format ?? 'unknown'}`);
    if (!meta.width || !meta.height) throw new NotAnImageError('no dimensions');
    if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new NotAnImageError('too many pixels');
    const [full, thumb] = await Promise.all([variant(original, FULL_SIDE, QUALITY), variant(original, THUMB_SIDE, THUMB_QUALITY)]);
    return { format: meta.format, full, thumb };
  } catch (error) {
    if (error instanceof NotAnImageError) throw error;
    // sharp reports undecodable input as plain Errors ("unsupported image format",
    // "premature end of JPEG image", "exceeds pixel limit", …): all mean "not a usable photo".
    throw new NotAnImageError(error instanceof Error ? error.message : String(error));
  }
}
