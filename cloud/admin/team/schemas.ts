/**
 * The admins' management (DESIGN "Admin portal"): a superadmin lists, invites and removes admins;
 * the invited person opens the link, chooses a password, then signs in and enrols TOTP like any
 * admin's first sign-in. The portal's pages import these types.
 */
import { z } from 'zod';
import { emailSchema, idSchema, requiredText } from '../../../shared/domain/fields.js';
import { adminRoleSchema } from '../../../shared/admin/rules.js';
import { passwordSchema } from '../../auth/passwords.js';
import { reasonSchema } from '../schemas.js';

export const teamAdminSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: adminRoleSchema,
  createdAt: z.string(),
  /** Invited, the invitation not accepted yet (no password). */
  pending: z.boolean(),
  /** The authenticator confirmed by a first code. */
  totpConfirmed: z.boolean(),
  /** The e-mail address of the admin who invited this one (null for the first admin). */
  invitedBy: z.string().nullable(),
});
export type TeamAdmin = z.output<typeof teamAdminSchema>;

export const adminsListSchema = z.object({ admins: z.array(teamAdminSchema) });

export const inviteAdminSchema = z
  .object({
    email: emailSchema.refine((value) => value !== null, 'invalid.emailMissing').transform((value) => value!),
    name: requiredText(100, 'invalid.nameRequired'),
    role: adminRoleSchema,
    reason: reasonSchema,
  })
  .strict();

export const invitedSchema = z.object({
  admin: teamAdminSchema,
  /** The link to send: `<public address>/admin/#/invitation/<token>` (also e-mailed). */
  inviteUrl: z.string(),
  /** Whether the e-mail went out (or into the development outbox). */
  emailSent: z.boolean(),
});

export const adminParamsSchema = z.object({ id: idSchema }).strict();
export const removeAdminSchema = z.object({ reason: reasonSchema }).strict();

/** An invitation's token: 32 random bytes, base64url. */
export const inviteTokenSchema = z.string({ error: () => 'invalid.adminInvite' }).regex(/^[A-Za-z0-9_-]{43}$/, 'invalid.adminInvite');
export const invitationParamsSchema = z.object({ token: inviteTokenSchema }).strict();
export const invitationSchema = z.object({ email: z.string(), name: z.string(), expiresAt: z.string() });
export const acceptInvitationSchema = z.object({ token: inviteTokenSchema, password: passwordSchema }).strict();
