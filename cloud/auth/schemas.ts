/** Request and response schemas of the accounts area (they validate and feed the OpenAPI document). */
import { z } from 'zod';
import { phoneSchema } from '../../shared/domain/phone.js';
import { emailSchema, idSchema, requiredText } from '../../shared/domain/fields.js';
import { roleSchema } from '../../shared/domain/roles.js';
import { givenPasswordSchema, passwordSchema } from './passwords.js';

// ── requests ──

export const signupBody = z.strictObject({
  workshopName: requiredText(120, 'Le nom de l’atelier est obligatoire'),
  ownerName: requiredText(120, 'Votre nom est obligatoire'),
  phone: phoneSchema,
  email: emailSchema.optional().transform((e) => e ?? null),
  password: passwordSchema,
});

export const loginBody = z.strictObject({
  identifier: z
    .string({ error: () => 'Numéro de téléphone ou e-mail attendu' })
    .trim()
    .min(1, 'Numéro de téléphone ou e-mail attendu')
    .max(254, 'Identifiant trop long'),
  password: givenPasswordSchema,
  /** The workshop to sign into, for someone who belongs to several; else the latest joined. */
  workshopId: idSchema.optional(),
});

export const refreshBody = z.strictObject({
  refreshToken: z.string({ error: () => 'Jeton de session attendu' }).min(1, 'Jeton de session attendu').max(200, 'Jeton de session invalide'),
});

export const inviteBody = z.strictObject({
  phone: phoneSchema,
  name: requiredText(120, 'Le nom est obligatoire'),
  role: z.enum(['staff', 'viewer'], { error: () => 'Rôle attendu : employé (staff) ou lecteur (viewer)' }),
});

export const acceptInviteBody = z.strictObject({
  code: z.string({ error: () => 'Code à 6 chiffres attendu' }).trim().regex(/^\d{6}$/, 'Code à 6 chiffres attendu'),
  phone: phoneSchema,
  password: givenPasswordSchema,
  /** The invitee's own name, for a new account (default: the name the owner typed). */
  name: requiredText(120, 'Le nom est obligatoire').optional(),
});

export const memberParams = z.strictObject({ id: idSchema });

export const roleBody = z.strictObject({ role: roleSchema });

export const deviceBody = z.strictObject({
  deviceId: idSchema,
  name: requiredText(80, 'Le nom de l’appareil est obligatoire'),
});

// ── responses ──

export const tokensResponse = z.object({ accessToken: z.string(), refreshToken: z.string() });

export const sessionResponse = tokensResponse.extend({
  user: z.object({ id: z.string(), name: z.string(), phone: z.string(), email: z.string().nullable() }),
  workshop: z.object({ id: z.string(), name: z.string() }),
  member: z.object({ id: z.string(), role: roleSchema }),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const memberResponse = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: roleSchema,
  hasAccount: z.boolean(),
});

export const membersResponse = z.object({
  members: z.array(memberResponse),
  invites: z.array(z.object({ id: z.string(), name: z.string(), phone: z.string(), role: roleSchema, expiresAt: z.string() })),
});

export const inviteResponse = z.object({ inviteId: z.string(), code: z.string(), expiresAt: z.string() });

export const deviceResponse = z.object({ code: z.string(), name: z.string() });

export const devicesResponse = z.object({
  devices: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      code: z.string(),
      memberName: z.string().nullable(),
      lastSeenAt: z.string(),
      revoked: z.boolean(),
    }),
  ),
});
