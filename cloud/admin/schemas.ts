/**
 * The admin sign-in's requests and answers (POST /api/admin/login, /login/totp, GET /api/admin/session),
 * and what every admin area's schemas share (the reason, an admin as shown). The portal's pages
 * import these types.
 */
import { z } from 'zod';
import { emailSchema, safeString } from '../../shared/domain/fields.js';
import { givenPasswordSchema } from '../auth/passwords.js';
import { adminRoleSchema } from '../../shared/admin/rules.js';

export { reasonSchema } from '../../shared/admin/rules.js';

export const adminLoginSchema = z
  .object({
    email: emailSchema.refine((value) => value !== null, 'invalid.emailMissing').transform((value) => value!),
    password: givenPasswordSchema,
  })
  .strict();

export const adminLoginResponseSchema = z.object({
  /** What the code's request sends back (valid 5 minutes). */
  challenge: z.string(),
  /** While no code confirmed the admin's authenticator: the `otpauth://` URI to add to it, and its QR code. */
  enrollUri: z.string().optional(),
  enrollQrSvg: z.string().optional(),
});

/** Six digits from the authenticator, or a recovery code (XXXX-XXXX-XXXX). */
export const adminCodeSchema = safeString('line', { error: () => 'invalid.totpCode' })
  .trim()
  .toUpperCase()
  .regex(/^(\d{6}|[A-Z2-7]{4}-?[A-Z2-7]{4}-?[A-Z2-7]{4})$/, 'invalid.totpCode');

export const adminTotpSchema = z
  .object({
    challenge: safeString('line', { error: () => 'invalid.adminChallenge' }).min(1, 'invalid.adminChallenge').max(2_000, 'invalid.adminChallenge'),
    code: adminCodeSchema,
  })
  .strict();

export const adminSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: adminRoleSchema });
export type AdminView = z.output<typeof adminSchema>;

export const adminSessionSchema = z.object({
  admin: adminSchema,
  /** Sent back in `X-CSRF-Token` with every write. */
  csrfToken: z.string(),
  /** The session's end at the latest (8 hours after sign-in); it also ends after 30 minutes idle. */
  expiresAt: z.string(),
  recoveryCodesLeft: z.number().int(),
  /** Only once, at the first sign-in: ten recovery codes to keep somewhere safe. */
  recoveryCodes: z.array(z.string()).optional(),
});
export type AdminSession = z.output<typeof adminSessionSchema>;

export const okSchema = z.object({ ok: z.literal(true) });
