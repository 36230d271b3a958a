/**
 * The cloud's Postgres schema (drizzle). Migrations: `npm run cloud:db:generate`.
 * - Workshop tables mirrored from the engine (materialised from sync), see mirror.ts.
 * - Cloud-only tables: accounts and tokens, devices, invites, the sync change log.
 * Every table holding workshop data has `workshop_id` and row-level security.
 */
import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, timestamp, integer, bigint, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import * as local from '../../shared/engine/schema.js';
import { mirrorTable, workshopPolicy } from './mirror.js';

export { appRole } from './mirror.js';

// ── workshop data, mirrored from the engine ──
export const workshop = mirrorTable(local.workshop);
export const garmentTypes = mirrorTable(local.garmentTypes);
/** `user_id` links a member to the account that signs in as them (cloud only, never synced). */
export const members = mirrorTable(local.members, { userId: uuid('user_id') });
export const clients = mirrorTable(local.clients);
export const measurementSheets = mirrorTable(local.measurementSheets);
/** Read across workshops by tracking link (`/t/<token>`) and, for the reminders, by status. */
export const orders = mirrorTable(local.orders, {}, [], ['trackingToken', 'status']);
/** An order's history is also read by order (GET /api/orders/:orderId/history). */
export const orderEvents = mirrorTable(local.orderEvents, {}, ['orderId']);
export const payments = mirrorTable(local.payments);
/** The morning's reminders read tomorrow's fittings of every workshop by `at`. */
export const fittings = mirrorTable(local.fittings, {}, [], ['at']);
/** A client's and an order's messages; a delivery report finds its message by `providerId`, dispatch by `status`. */
export const messages = mirrorTable(local.messages, {}, ['clientId', 'orderId'], ['providerId', 'status']);
export const messageTemplates = mirrorTable(local.messageTemplates);

// ── accounts ──
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_phone').on(t.phone), uniqueIndex('users_email').on(t.email)],
);

/** Refresh tokens rotate; each belongs to a family, and reuse of a spent one revokes the family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id').notNull(),
    workshopId: uuid('workshop_id').notNull(),
    memberId: uuid('member_id').notNull(),
    deviceId: uuid('device_id'),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family').on(t.familyId), index('refresh_tokens_user').on(t.userId)],
);

// ── per-workshop cloud state ──
export const workshopSync = pgTable(
  'workshop_sync',
  {
    workshopId: uuid('workshop_id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    nextDeviceNumber: integer('next_device_number').notNull().default(0),
  },
  () => [workshopPolicy('workshop_sync')],
).enableRLS();

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    memberId: uuid('member_id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('devices_workshop_code').on(t.workshopId, t.code), workshopPolicy('devices')],
).enableRLS();

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    phone: text('phone').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    codeHash: text('code_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invites_phone').on(t.phone), workshopPolicy('invites')],
).enableRLS();

/** Every accepted change, numbered per workshop; `mutation_id` makes pushes idempotent. */
export const changeLog = pgTable(
  'change_log',
  {
    workshopId: uuid('workshop_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    table: text('tbl').notNull(),
    rowId: uuid('row_id').notNull(),
    hlc: text('hlc').notNull(),
    fields: jsonb('fields').notNull(),
    mutationId: uuid('mutation_id'),
    deviceId: uuid('device_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workshopId, t.seq] }),
    uniqueIndex('change_log_mutation').on(t.workshopId, t.mutationId).where(sql`mutation_id IS NOT NULL`),
    workshopPolicy('change_log'),
  ],
).enableRLS();

/**
 * Photos uploaded by content hash (cloud/files): one row per workshop and SHA-256 of the
 * original bytes. `received` counts the bytes kept so far while `state` is 'uploading';
 * `width`/`height` are those of the stored 1200 px image once 'ready'.
 */
export const files = pgTable(
  'files',
  {
    workshopId: uuid('workshop_id').notNull(),
    hash: text('hash').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    received: bigint('received', { mode: 'number' }).notNull().default(0),
    kind: text('kind').notNull(),
    state: text('state').notNull().default('uploading'),
    width: integer('width'),
    height: integer('height'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.hash] }), workshopPolicy('files')],
).enableRLS();

/**
 * A workshop's message credits: an insert-only ledger (DESIGN "Subscriptions"): grants (the trial's),
 * purchases, each message's cost (negative, reserved before the provider is called) and refunds
 * of failed sends. The balance is the sum. `(message_id, kind)` is unique so a message is charged
 * and refunded at most once. The application's role may not update or delete (client.ts).
 */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workshopId: uuid('workshop_id').notNull(),
    kind: text('kind').notNull(),
    amount: integer('amount').notNull(),
    messageId: uuid('message_id'),
    /** What the entry is for, without personal data ("essai", a pack's id, a payment's id). */
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_ledger_workshop').on(t.workshopId, t.createdAt),
    uniqueIndex('credit_ledger_message_kind').on(t.messageId, t.kind).where(sql`message_id IS NOT NULL`),
    workshopPolicy('credit_ledger'),
  ],
).enableRLS();

/**
 * The last time a number wrote to the platform's WhatsApp number (Twilio's incoming webhook):
 * inside 24 hours a free text may be sent, outside it only an approved template.
 */
export const whatsappInbound = pgTable('whatsapp_inbound', {
  phone: text('phone').primaryKey(),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
});
