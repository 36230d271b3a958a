/** Clients of the workshop. */
import { z } from 'zod';
import { optionalPhoneSchema } from './phone.js';
import { CHANNELS, GENDERS } from './clientOptions.js';

export * from './clientOptions.js';
import { deletedAtSchema, emailSchema, idSchema, isoDateTimeSchema, notesText, requiredText, searchText } from './fields.js';

export const genderSchema = z
  .enum(GENDERS, { error: () => 'invalid.gender' })
  .nullish()
  .transform((g) => g ?? null);

export const channelSchema = z
  .enum(CHANNELS, { error: () => 'invalid.channel' })
  .nullish()
  .transform((c) => c ?? null);

const clientFields = {
  name: requiredText(120, 'invalid.clientNameRequired'),
  phone: optionalPhoneSchema,
  whatsapp: optionalPhoneSchema,
  email: emailSchema,
  gender: genderSchema,
  notes: notesText(2000),
  preferredChannel: channelSchema,
  /**
   * The client does not want messages. Added after the first release (sync schema 2), so it is
   * optional in a new row: absent means false (shared/sync/schemaEvolution.ts).
   */
  messagesOptOut: z.boolean({ error: () => 'invalid.yesNo' }).optional(),
};

export const clientRowSchema = z.strictObject({ ...clientFields, createdAt: isoDateTimeSchema, deletedAt: deletedAtSchema });

export const createClientInput = z.strictObject(clientFields).refine((c) => c.preferredChannel !== 'email' || c.email, {
  message: 'invalid.emailChannelWithoutEmail',
  path: ['preferredChannel'],
});

export const updateClientInput = z.strictObject({ id: idSchema, ...clientFields }).partial().required({ id: true });

export const deleteClientInput = z.strictObject({ id: idSchema });

export const searchClientsInput = z.strictObject({
  query: searchText(100),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

