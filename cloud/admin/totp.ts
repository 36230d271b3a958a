/**
 * Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30-second steps) with otpauth: a new
 * secret, the `otpauth://` URI an authenticator app reads (as a QR code), and the check of a code
 * that answers the step it belongs to, so that the caller can refuse a step already used.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, TOTP_WINDOW } from '../../shared/admin/rules.js';

const ISSUER = 'Styliste';

function totp(secret: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new 160-bit secret, in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The URI as an SVG QR code (no image request, fits the portal's CSP). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The step (counter) `code` is valid for at `now`, within one step either side; null when it is
 * not. Codes are compared by otpauth in constant time.
 */
export function totpStep(secret: string, email: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const timestamp = now.getTime();
  const delta = totp(secret, email).validate({ token: code, timestamp, window: TOTP_WINDOW });
  if (delta === null) return null;
  return Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
