/**
 * An order's tracking link, `PUBLIC_URL/t/<token>` (DESIGN): made on the device (offline too, so
 * the "order ready" SMS written in a power cut carries it), short enough for an SMS, unguessable
 * (16 characters of 62: 95 bits from the platform's CSPRNG), revocable (a new token replaces it).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const TRACKING_TOKEN_LENGTH = 16;
export const TRACKING_TOKEN_PATTERN = /^[A-Za-z0-9]{16}$/;

export function newTrackingToken(): string {
  const out: string[] = [];
  while (out.length < TRACKING_TOKEN_LENGTH) {
    const bytes = new Uint8Array(32);
    globalThis.crypto.getRandomValues(bytes);
    // 248 = 4 × 62: bytes above it are dropped so every letter is equally likely.
    for (const byte of bytes) if (byte < 248 && out.length < TRACKING_TOKEN_LENGTH) out.push(ALPHABET[byte % 62]!);
  }
  return out.join('');
}

/** The tracking link of a token under the cloud's public address. */
export function trackingUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/t/${token}`;
}
