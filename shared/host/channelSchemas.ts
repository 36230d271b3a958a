/**
 * The zod schema of every host channel's payload, checked by the host before anything runs: the
 * shape and sizes only. What a value means (a valid phone, a long enough password) is for the
 * engine or the cloud to say, with the field it names.
 */
import { z } from 'zod';
import { INVITED_ROLES, ROLES } from '../domain/roles.js';
import { FILE_KINDS } from '../domain/fileKinds.js';
import { LOCALES } from '../i18n/texts.js';
import { BILLING_CYCLES } from '../billing/plans.js';
import { STATS_MAX_DAYS } from './directoryChannels.js';

const password = z.string().max(200);
const catalogueId = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const channelInputs = {
  'engine.execute': z.strictObject({ name: z.string().max(60), input: z.unknown() }),
  'engine.query': z.strictObject({ name: z.string().max(60), args: z.unknown().optional() }),
  'app.setLocale': z.strictObject({ locale: z.enum(LOCALES) }),
  'session.get': z.strictObject({}).optional(),
  'session.signup': z.strictObject({
    workshopName: z.string().max(120),
    ownerName: z.string().max(120),
    phone: z.string().max(40),
    email: z.string().max(254).optional(),
    password,
    deviceName: z.string().max(80).optional(),
  }),
  'session.login': z.strictObject({ identifier: z.string().max(254), password, deviceName: z.string().max(80).optional() }),
  'session.acceptInvite': z.strictObject({ code: z.string().max(10), phone: z.string().max(40), password, name: z.string().max(120).optional() }),
  'session.logout': z.strictObject({}).optional(),
  'sync.now': z.strictObject({}).optional(),
  'sync.state': z.strictObject({}).optional(),
  'team.members': z.strictObject({}).optional(),
  'team.invite': z.strictObject({ phone: z.string().max(40), name: z.string().max(120), role: z.enum(INVITED_ROLES) }),
  'team.setRole': z.strictObject({ memberId: z.string().uuid(), role: z.enum(ROLES) }),
  'team.remove': z.strictObject({ memberId: z.string().uuid() }),
  'team.devices': z.strictObject({}).optional(),
  'team.removeDevice': z.strictObject({ deviceId: z.string().uuid() }),
  'orders.loadHistory': z.strictObject({ orderId: z.string().uuid() }),
  'messages.credits': z.strictObject({}).optional(),
  'billing.plans': z.strictObject({}).optional(),
  'billing.subscription': z.strictObject({}).optional(),
  'billing.checkout': z.union([z.strictObject({ planId: catalogueId, cycle: z.enum(BILLING_CYCLES) }), z.strictObject({ packId: catalogueId })]),
  'billing.checkoutStatus': z.strictObject({ checkoutId: z.string().uuid() }),
  'billing.payments': z.strictObject({}).optional(),
  'billing.receipt': z.strictObject({ paymentId: z.string().uuid() }),
  'billing.change': z.strictObject({ planId: catalogueId, cycle: z.enum(BILLING_CYCLES) }),
  'billing.cancel': z.strictObject({}).optional(),
  'billing.undoChange': z.strictObject({}).optional(),
  'billing.openExternal': z.strictObject({ url: z.string().max(2000) }),
  'export.workshop': z.strictObject({}).optional(),
  'directory.stats': z.strictObject({ days: z.number().int().min(1).max(STATS_MAX_DAYS) }),
  'support.access': z.strictObject({}).optional(),
  'support.allow': z.strictObject({}).optional(),
  'support.withdraw': z.strictObject({}).optional(),
  'files.put': z.strictObject({ bytes: z.instanceof(Uint8Array), kind: z.enum(FILE_KINDS) }),
  'files.get': z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/), thumb: z.boolean().optional() }),
} as const;
