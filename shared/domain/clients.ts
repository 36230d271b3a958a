/** Clients of the workshop. */
import { z } from 'zod';
import { optionalPhoneSchema } from './phone.js';
import { CHANNELS, GENDERS } from './clientOptions.js';

export * from './clientOptions.js';
import { deletedAtSchema, emailSchema, idSchema, isoDateTimeSchema, notesText, requiredText, searchText } from './fields.js';

export const genderSchema = z
  .enum(GENDERS, { error: () => 'Genre inconnu (femme, homme ou autre)' })
  .nullish()
  .transform((g) => g ?? null);

export const channelSchema = z
  .enum(CHANNELS, { error: () => 'Canal inconnu (SMS, WhatsApp, e-mail ou appel)' })
  .nullish()
  .transform((c) => c ?? null);

const clientFields = {
  name: requiredText(120, 'Le nom du client est obligatoire'),
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
  messagesOptOut: z.boolean({ error: () => 'Oui ou non attendu' }).optional(),
};

export const clientRowSchema = z.strictObject({ ...clientFields, createdAt: isoDateTimeSchema, deletedAt: deletedAtSchema });

export const createClientInput = z.strictObject(clientFields).refine((c) => c.preferredChannel !== 'email' || c.email, {
  message: 'Canal préféré : e-mail choisi mais aucune adresse e-mail',
  path: ['preferredChannel'],
});

export const updateClientInput = z.strictObject({ id: idSchema, ...clientFields }).partial().required({ id: true });

export const deleteClientInput = z.strictObject({ id: idSchema });

export const searchClientsInput = z.strictObject({
  query: searchText(100),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

