/**
 * Request and response schemas of the accounts area. They validate every request (through the
 * route registry) and feed the OpenAPI document, which shows what they check: ids as
 * `format: uuid`, the characters a phone number may be typed with, every length; so a client
 * generated from it sends what the server accepts. The app's host imports the response types.
 */
import { z } from 'zod';
import { PHONE_INVALID_MESSAGE, phoneSchema } from '../../shared/domain/phone.js';
import { emailSchema, idSchema, requiredText } from '../../shared/domain/fields.js';
import { roleSchema } from '../../shared/domain/roles.js';
import { INVITED_ROLES } from '../../shared/domain/roleTable.js';
import { givenPasswordSchema, passwordSchema } from './passwords.js';

/**
 * A phone number as a person types it, national or international ('01 97 00 00 01',
 * '+229 01 97 00 00 01', '00229…'): digits, one leading '+', and the separators phone.ts removes
 * (spaces, . - / ( )). The pattern and the length are what OpenAPI shows; phoneSchema then checks
 * the number itself and turns it into E.164.
 */
export const PHONE_INPUT_PATTERN = /^[\s.\-/()\u00a0\u202f]*\+?[\d\s.\-/()\u00a0\u202f]+$/;
const phoneInput = z
  .string({ error: () => PHONE_INVALID_MESSAGE })
  .max(40, PHONE_INVALID_MESSAGE)
  .regex(PHONE_INPUT_PATTERN, PHONE_INVALID_MESSAGE)
  .pipe(phoneSchema);

/** A phone number as the server answers it: E.164. */
const e164 = z.string().meta({ pattern: '^\\+[1-9]\\d{5,14}$' });

// ── requests ──

export const signupBody = z.strictObject({
  workshopName: requiredText(120, 'invalid.workshopNameRequired'),
  ownerName: requiredText(120, 'invalid.yourNameRequired'),
  phone: phoneInput,
  email: emailSchema.optional().transform((e) => e ?? null),
  password: passwordSchema,
});

export const loginBody = z.strictObject({
  identifier: z
    .string({ error: () => 'invalid.identifierMissing' })
    .trim()
    .min(1, 'invalid.identifierMissing')
    .max(254, 'invalid.identifierTooLong'),
  password: givenPasswordSchema,
  /** The workshop to sign into, for someone who belongs to several; else the latest joined. */
  workshopId: idSchema.optional(),
});

export const refreshBody = z.strictObject({
  refreshToken: z
    .string({ error: () => 'invalid.refreshTokenMissing' })
    .min(1, 'invalid.refreshTokenMissing')
    .max(200, 'invalid.refreshToken'),
});

export const inviteBody = z.strictObject({
  phone: phoneInput,
  name: requiredText(120, 'invalid.nameRequired'),
  role: z.enum(INVITED_ROLES, { error: () => 'invalid.inviteRole' }),
});

export const acceptInviteBody = z.strictObject({
  code: z
    .string({ error: () => 'invalid.inviteCode' })
    .trim()
    .regex(/^\d{6}$/, 'invalid.inviteCode'),
  phone: phoneInput,
  password: givenPasswordSchema,
  /** The invitee's own name, for a new account (default: the name the owner typed). */
  name: requiredText(120, 'invalid.nameRequired').optional(),
});

export const memberParams = z.strictObject({ id: idSchema });

export const roleBody = z.strictObject({ role: roleSchema });

export const deviceBody = z.strictObject({
  deviceId: idSchema,
  name: requiredText(80, 'invalid.deviceNameRequired'),
});

export const deviceParams = z.strictObject({ id: idSchema });

export type SignupBody = z.output<typeof signupBody>;
export type LoginBody = z.output<typeof loginBody>;
export type InviteBody = z.output<typeof inviteBody>;
export type AcceptInviteBody = z.output<typeof acceptInviteBody>;
export type DeviceBody = z.output<typeof deviceBody>;

// ── responses ──

export const tokensResponse = z.object({ accessToken: z.string(), refreshToken: z.string() });
export type TokensResponse = z.infer<typeof tokensResponse>;

export const sessionResponse = tokensResponse.extend({
  user: z.object({ id: idSchema, name: z.string(), phone: e164, email: z.string().nullable() }),
  workshop: z.object({ id: idSchema, name: z.string() }),
  member: z.object({ id: idSchema, role: roleSchema }),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const memberResponse = z.object({
  id: idSchema,
  name: z.string(),
  phone: e164.nullable(),
  role: roleSchema,
  hasAccount: z.boolean(),
});
export type MemberResponse = z.infer<typeof memberResponse>;

export const membersResponse = z.object({
  members: z.array(memberResponse),
  invites: z.array(z.object({ id: idSchema, name: z.string(), phone: e164, role: roleSchema, expiresAt: z.string() })),
});
export type MembersResponse = z.infer<typeof membersResponse>;

export const inviteResponse = z.object({ inviteId: idSchema, code: z.string().regex(/^\d{6}$/), expiresAt: z.string() });
export type InviteResponse = z.infer<typeof inviteResponse>;

export const deviceResponse = z.object({ code: z.string(), name: z.string() });
export type DeviceResponse = z.infer<typeof deviceResponse>;

export const devicesResponse = z.object({
  devices: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      code: z.string(),
      memberName: z.string().nullable(),
      lastSeenAt: z.string(),
      revoked: z.boolean(),
    }),
  ),
});
export type DevicesResponse = z.infer<typeof devicesResponse>;

