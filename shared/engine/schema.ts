/**
 * The local SQLite schema (drizzle). One schema for both hosts; migrations are generated from it
 * with `npm run db:generate` and embedded in `migrations/index.ts`.
 *
 * Synced tables: the TypeScript key of a column is its field name in the sync protocol; `clocks`
 * holds one HLC per field (JSON). Local-only columns (search helpers) are listed in LOCAL_COLUMNS.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';

const clocks = () => text('clocks').notNull().default('{}');

export const workshop = sqliteTable('workshop', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone'),
  city: text('city'),
  country: text('country').notNull().default('BJ'),
  timezone: text('timezone').notNull().default('Africa/Porto-Novo'),
  currency: text('currency').notNull().default('XOF'),
  workingDays: text('working_days', { mode: 'json' }).notNull(),
  closingDays: text('closing_days', { mode: 'json' }).notNull(),
  capacity: integer('capacity').notNull(),
  unit: text('unit').notNull().default('cm'),
  createdAt: text('created_at').notNull(),
  /** Added in sync schema 3 (shared/sync/schemaEvolution.ts): absent in a new row means its default. */
  smsGsm7: integer('sms_gsm7', { mode: 'boolean' }).notNull().default(true),
  balanceReminderDays: integer('balance_reminder_days').notNull().default(3),
  clocks: clocks(),
});

export const garmentTypes = sqliteTable('garment_types', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  durationDays: integer('duration_days').notNull(),
  defaultPrice: integer('default_price').notNull(),
  measurementFields: text('measurement_fields', { mode: 'json' }).notNull(),
  customFields: text('custom_fields', { mode: 'json' }).notNull(),
  position: integer('position').notNull().default(0),
  deletedAt: text('deleted_at'),
  clocks: clocks(),
});

export const members = sqliteTable('members', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone'),
  role: text('role').notNull(),
  deletedAt: text('deleted_at'),
  clocks: clocks(),
});

export const clients = sqliteTable(
  'clients',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    phone: text('phone'),
    whatsapp: text('whatsapp'),
    email: text('email'),
    gender: text('gender'),
    notes: text('notes'),
    preferredChannel: text('preferred_channel'),
    createdAt: text('created_at').notNull(),
    /**
     * The client does not want messages (added in sync schema 2, shared/sync/schemaEvolution.ts):
     * optional in a new row, absent means false.
     */
    messagesOptOut: integer('messages_opt_out', { mode: 'boolean' }).notNull().default(false),
    deletedAt: text('deleted_at'),
    clocks: clocks(),
    searchName: text('search_name').notNull().default(''),
    phoneDigits: text('phone_digits').notNull().default(''),
  },
  (t) => [index('clients_search_name').on(t.searchName)],
);

export const measurementSheets = sqliteTable(
  'measurement_sheets',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull(),
    garmentTypeId: text('garment_type_id'),
    unit: text('unit').notNull(),
    values: text('values', { mode: 'json' }).notNull(),
    note: text('note'),
    takenAt: text('taken_at').notNull(),
    takenBy: text('taken_by'),
    deletedAt: text('deleted_at'),
    clocks: clocks(),
  },
  (t) => [index('sheets_client').on(t.clientId, t.takenAt)],
);

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    clientId: text('client_id').notNull(),
    garmentTypeId: text('garment_type_id'),
    description: text('description'),
    fabricSource: text('fabric_source').notNull().default('client'),
    fabricPagnes: integer('fabric_pagnes'),
    fabricPhoto: text('fabric_photo'),
    modelPhoto: text('model_photo'),
    measurements: text('measurements', { mode: 'json' }),
    price: integer('price').notNull(),
    urgency: text('urgency').notNull().default('normal'),
    status: text('status').notNull(),
    assignedTo: text('assigned_to'),
    promisedDate: text('promised_date').notNull(),
    internalNote: text('internal_note'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    deletedAt: text('deleted_at'),
    /** When the order was delivered or cancelled (null while open); set with the status, see domain/history.ts. */
    closedAt: text('closed_at'),
    /** The tracking link's token (sync schema 3); null until the order's first message that needs it. */
    trackingToken: text('tracking_token'),
    clocks: clocks(),
    /** Local cache of SUM(payments.amount), recomputed from the payments on every write of them. */
    paid: integer('paid').notNull().default(0),
  },
  (t) => [
    index('orders_client').on(t.clientId),
    index('orders_owing')
      .on(t.promisedDate, t.number, t.price, t.paid)
      .where(sql`deleted_at IS NULL AND status NOT IN ('quote', 'cancelled') AND price > paid`),
    index('orders_status_promised').on(t.status, t.promisedDate),
    index('orders_created').on(t.createdAt),
    index('orders_number').on(t.number),
    index('orders_status_closed').on(t.status, t.closedAt),
  ],
);

export const orderEvents = sqliteTable(
  'order_events',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    at: text('at').notNull(),
    by: text('by'),
    type: text('type').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    clocks: clocks(),
  },
  // (events_type_at is gone: deliveries are read from orders.closed_at, which a device always has.)
  (t) => [index('events_order').on(t.orderId, t.at)],
);

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    amount: integer('amount').notNull(),
    method: text('method').notNull(),
    kind: text('kind').notNull(),
    reverses: text('reverses'),
    paidAt: text('paid_at').notNull(),
    note: text('note'),
    recordedBy: text('recorded_by'),
    clocks: clocks(),
  },
  (t) => [index('payments_order').on(t.orderId), index('payments_paid_at').on(t.paidAt)],
);

export const fittings = sqliteTable(
  'fittings',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    at: text('at').notNull(),
    status: text('status').notNull().default('planned'),
    note: text('note'),
    deletedAt: text('deleted_at'),
    clocks: clocks(),
  },
  (t) => [index('fittings_at').on(t.at), index('fittings_order').on(t.orderId)],
);

/** Messages to clients (DESIGN "Messages to clients"): a device writes `queued`, the hub the rest. */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull(),
    orderId: text('order_id'),
    channel: text('channel').notNull(),
    to: text('to').notNull(),
    body: text('body').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    deletedAt: text('deleted_at'),
    providerId: text('provider_id'),
    segments: integer('segments'),
    credits: integer('credits'),
    sentAt: text('sent_at'),
    deliveredAt: text('delivered_at'),
    failureReason: text('failure_reason'),
    clocks: clocks(),
  },
  (t) => [
    index('messages_client').on(t.clientId, t.createdAt),
    index('messages_order').on(t.orderId, t.createdAt),
    index('messages_status').on(t.status, t.createdAt),
  ],
);

/** The workshop's automatic messages: one row per kind (id derived from the workshop and the kind). */
export const messageTemplates = sqliteTable('message_templates', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  channel: text('channel').notNull(),
  body: text('body').notNull(),
  clocks: clocks(),
});

/**
 * The workshop's subscription as the hub last wrote it (DESIGN "Subscriptions"): one row, its id
 * the workshop's. Devices receive it by sync and may not write it (roleTable.ts), so the app knows
 * the plan, the limits and the banner to show offline. Sync schema 4.
 */
export const subscription = sqliteTable('subscription', {
  id: text('id').primaryKey(),
  planId: text('plan_id').notNull(),
  planName: text('plan_name').notNull(),
  status: text('status').notNull(),
  cycle: text('cycle'),
  trialEndsAt: text('trial_ends_at'),
  currentPeriodEnd: text('current_period_end'),
  graceEndsAt: text('grace_ends_at'),
  pendingPlanId: text('pending_plan_id'),
  /** The limits in force (members, portfolioPhotos, monthlyCredits, directory). */
  limits: text('limits', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
  clocks: clocks(),
});

/**
 * The workshop's public profile in the directory (DESIGN "Public directory"): one row, its id the
 * workshop's; the hub derives the public listing from it. Sync schema 5.
 */
export const directoryProfile = sqliteTable('directory_profile', {
  id: text('id').primaryKey(),
  published: integer('published', { mode: 'boolean' }).notNull().default(false),
  name: text('name').notNull(),
  city: text('city'),
  district: text('district'),
  lat: real('lat'),
  lng: real('lng'),
  specialties: text('specialties', { mode: 'json' }).notNull(),
  priceRange: text('price_range'),
  about: text('about'),
  whatsapp: text('whatsapp'),
  acceptsOrders: integer('accepts_orders', { mode: 'boolean' }).notNull().default(true),
  updatedAt: text('updated_at').notNull(),
  clocks: clocks(),
});

/** Portfolio photos (by content hash, uploaded like order photos), in `position` order. Sync schema 5. */
export const portfolioItems = sqliteTable(
  'portfolio_items',
  {
    id: text('id').primaryKey(),
    fileHash: text('file_hash').notNull(),
    caption: text('caption'),
    garmentTypeId: text('garment_type_id'),
    published: integer('published', { mode: 'boolean' }).notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: text('created_at').notNull(),
    deletedAt: text('deleted_at'),
    clocks: clocks(),
  },
  (t) => [index('portfolio_items_position').on(t.position)],
);

/** Local only: mutations waiting to be pushed, and those the hub refused ("needs attention"). */
export const outbox = sqliteTable(
  'outbox',
  {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  table: text('tbl').notNull(),
  rowId: text('row_id').notNull(),
  hlc: text('hlc').notNull(),
  fields: text('fields').notNull(),
  createdAt: text('created_at').notNull(),
  state: text('state').notNull().default('pending'),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  },
  (t) => [index('outbox_state').on(t.state, t.seq)],
);

/** Local only: device identity, clock state, sync cursor. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const SYNCED_TABLES = {
  workshop,
  garment_types: garmentTypes,
  members,
  clients,
  measurement_sheets: measurementSheets,
  orders,
  order_events: orderEvents,
  payments,
  fittings,
  messages,
  message_templates: messageTemplates,
  subscription,
  directory_profile: directoryProfile,
  portfolio_items: portfolioItems,
} as const;

export type SyncedTableName = keyof typeof SYNCED_TABLES;

/** Columns stored locally but never synced (derived on every write). */
export const LOCAL_COLUMNS: ReadonlySet<string> = new Set(['id', 'clocks', 'searchName', 'phoneDigits', 'paid']);

/**
 * Integer-affinity columns that also hold halves (1,5 pagne). SQLite keeps 1.5 as it is; the
 * cloud's mirror gives them a floating-point type instead of bigint.
 */
export const FRACTIONAL_COLUMNS: ReadonlySet<string> = new Set(['orders.fabric_pagnes', 'directory_profile.lat', 'directory_profile.lng']);

/** Tables whose rows are never changed after insert: corrections are new rows. */
export const INSERT_ONLY_TABLES: ReadonlySet<SyncedTableName> = new Set(['order_events', 'payments']);
