/**
 * The cloud's Postgres schema (drizzle). Migrations: `npm run cloud:db:generate`.
 * - Workshop tables mirrored from the engine (materialised from sync), see mirror.ts.
 * - Cloud-only tables: accounts and tokens, devices, invites, the sync change log.
 * Every table holding workshop data has `workshop_id` and row-level security.
 */
import { sql } from 'drizzle-orm';
import { pgTable, pgSequence, text, uuid, timestamp, integer, bigint, boolean, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import * as local from '../../shared/engine/schema.js';
import { mirrorTable, workshopPolicy } from './mirror.js';

export { appRole } from './mirror.js';
export * from './directorySchema.js';
export * from './adminSchema.js';

// ── workshop data, mirrored from the engine ──
/** The admin dashboard counts signups by `created_at` (cloud/admin/dashboard). */
export const workshop = mirrorTable(local.workshop, {}, [], ['createdAt']);
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
/** The subscription as devices see it: written by billing (subscriptionsSql.ts) from `subscriptions`, never by a device. */
export const subscription = mirrorTable(local.subscription);
/** The public profile and the portfolio (cloud/directory derives the public listing from them). */
export const directoryProfile = mirrorTable(local.directoryProfile);
export const portfolioItems = mirrorTable(local.portfolioItems);

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
    /** A grant or purchase made once per key (a payment's transaction, a month of a period): unique per workshop. */
    grantKey: text('grant_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_ledger_workshop').on(t.workshopId, t.createdAt),
    index('credit_ledger_purchases').on(t.createdAt, t.amount).where(sql`kind = 'purchase'`),
    uniqueIndex('credit_ledger_message_kind').on(t.messageId, t.kind).where(sql`message_id IS NOT NULL`),
    uniqueIndex('credit_ledger_grant_key').on(t.workshopId, t.grantKey).where(sql`grant_key IS NOT NULL`),
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

// ── billing (DESIGN "Subscriptions"; cloud/billing) ──

/** The plans on sale, seeded from shared/billing/plans.ts by the migration; data, not code. */
export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  monthlyPrice: integer('monthly_price').notNull(),
  yearlyPrice: integer('yearly_price').notNull(),
  /** PlanLimits: members, portfolioPhotos, monthlyCredits, directory. */
  limits: jsonb('limits').notNull(),
  position: integer('position').notNull().default(0),
  onSale: boolean('on_sale').notNull().default(true),
});

/** SMS credit packs on sale, seeded like the plans. */
export const creditPacks = pgTable('credit_packs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  credits: integer('credits').notNull(),
  price: integer('price').notNull(),
  position: integer('position').notNull().default(0),
  onSale: boolean('on_sale').notNull().default(true),
});

/**
 * A workshop's subscription, the source of truth (shared/billing/lifecycle.ts `SubscriptionState`);
 * every write also writes the synced `subscription` row (subscriptionsSql.ts). `next_check_at` is
 * when the lifecycle sweep must look at it again (a reminder, a transition, a monthly grant).
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    workshopId: uuid('workshop_id').primaryKey(),
    status: text('status').notNull(),
    planId: text('plan_id').notNull(),
    cycle: text('cycle'),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true, mode: 'string' }),
    periodStart: timestamp('period_start', { withTimezone: true, mode: 'string' }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true, mode: 'string' }),
    graceEndsAt: timestamp('grace_ends_at', { withTimezone: true, mode: 'string' }),
    pendingPlanId: text('pending_plan_id'),
    pendingCycle: text('pending_cycle'),
    timezone: text('timezone').notNull().default('Africa/Porto-Novo'),
    nextCheckAt: timestamp('next_check_at', { withTimezone: true, mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('subscriptions_next_check').on(t.nextCheckAt).where(sql`next_check_at IS NOT NULL`), index('subscriptions_status').on(t.status), workshopPolicy('subscriptions')],
).enableRLS();

/**
 * A payment asked for: what it buys (a plan, a renewal, an upgrade, a credit pack), its exact
 * amount, the FedaPay transaction it created, and the unguessable token of its return page.
 */
export const billingCheckouts = pgTable(
  'billing_checkouts',
  {
    id: uuid('id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind').notNull(),
    planId: text('plan_id'),
    cycle: text('cycle'),
    packId: text('pack_id'),
    credits: integer('credits'),
    amount: integer('amount').notNull(),
    provider: text('provider').notNull(),
    transactionId: text('transaction_id'),
    returnToken: text('return_token').notNull(),
    /** pending, paid, declined, mismatch (FedaPay's amount was not ours: refused). */
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('billing_checkouts_transaction').on(t.transactionId).where(sql`transaction_id IS NOT NULL`),
    uniqueIndex('billing_checkouts_return_token').on(t.returnToken),
    index('billing_checkouts_workshop').on(t.workshopId, t.createdAt),
    workshopPolicy('billing_checkouts'),
  ],
).enableRLS();

/** Receipt numbers, one sequence for the platform: receipts are numbered without gaps in the order paid (as far as a sequence allows). */
export const receiptNumbers = pgSequence('billing_receipt_number', { startWith: 1 });

/**
 * A payment that took effect: insert-only, one per FedaPay transaction (the unique key that makes a
 * webhook delivered ten times at once take effect once). Its receipt is numbered.
 */
export const billingPayments = pgTable(
  'billing_payments',
  {
    id: uuid('id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    checkoutId: uuid('checkout_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    receiptNumber: bigint('receipt_number', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    planId: text('plan_id'),
    cycle: text('cycle'),
    packId: text('pack_id'),
    credits: integer('credits'),
    amount: integer('amount').notNull(),
    /** The paid time's end after this payment (plans), for the receipt. */
    periodEnd: timestamp('period_end', { withTimezone: true, mode: 'string' }),
    /** FedaPay's mode (mtn_open, moov…), when it says. */
    method: text('method'),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('billing_payments_transaction').on(t.transactionId),
    uniqueIndex('billing_payments_receipt').on(t.receiptNumber),
    index('billing_payments_workshop').on(t.workshopId, t.paidAt),
    index('billing_payments_paid').on(t.paidAt, t.amount),
    workshopPolicy('billing_payments'),
  ],
).enableRLS();

/** The owner's billing reminders (trial ending, past due, suspended), each sent once per key. */
export const billingNotices = pgTable(
  'billing_notices',
  {
    workshopId: uuid('workshop_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    /** sms, email or outbox: where it went; failed ones keep their reason. */
    channel: text('channel'),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.key] }), workshopPolicy('billing_notices')],
).enableRLS();
