/**
 * Who may do what: ONE rule table, used by the engine before every command and by the cloud to
 * re-check every pushed mutation.
 *
 * - owner: everything.
 * - staff: creates and edits the daily work; cannot delete clients, reverse (delete) payments,
 *   change the workshop settings (which include garment types) or members and roles.
 * - viewer: reads only.
 *
 * No zod here: the app's screens import this table (roles.ts adds the schema for the engine and the hub).
 */
import type { SyncedTableName } from './tables.js';
import { SYNCED_TABLE_NAMES } from './tables.js';
import { defineTexts } from '../i18n/texts.js';

export const ROLES = ['owner', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'read' | 'create' | 'update' | 'delete';

const ALL: readonly Action[] = ['read', 'create', 'update', 'delete'];
const READ: readonly Action[] = ['read'];
const CREATE_EDIT: readonly Action[] = ['read', 'create', 'update'];

/** Tables only the hub writes: no device may create, change or delete their rows. */
export const HUB_ONLY: ReadonlySet<SyncedTableName> = new Set(['subscription']);

const staffRules: Record<SyncedTableName, readonly Action[]> = {
  workshop: READ,
  garment_types: READ,
  members: READ,
  clients: CREATE_EDIT,
  measurement_sheets: ALL,
  orders: ALL,
  order_events: ['read', 'create'],
  payments: ['read', 'create'],
  fittings: ALL,
  // Staff write and cancel messages; the templates and automatic settings are the owner's.
  messages: CREATE_EDIT,
  message_templates: READ,
  subscription: READ,
  // The public profile and the portfolio speak for the workshop: the owner's.
  directory_profile: READ,
  portfolio_items: READ,
};

export const ROLE_RULES: Record<Role, Record<SyncedTableName, readonly Action[]>> = {
  // The subscription is the hub's alone (billing writes it); every role reads it.
  owner: Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, HUB_ONLY.has(t) ? READ : ALL])) as Record<SyncedTableName, readonly Action[]>,
  staff: staffRules,
  viewer: Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, READ])) as Record<SyncedTableName, readonly Action[]>,
};

export function can(role: Role, table: SyncedTableName, action: Action): boolean {
  return ROLE_RULES[role][table].includes(action);
}

/**
 * The action a change to a row amounts to, so that a synced mutation can be checked with the
 * same table: setting `deletedAt`, or recording a reversing payment, is a delete.
 */
export function actionOfChange(table: SyncedTableName, rowExists: boolean, fields: Readonly<Record<string, unknown>>): Action {
  if (table === 'payments' && fields.kind === 'reversal') return 'delete';
  if ('deletedAt' in fields && fields.deletedAt != null) return 'delete';
  return rowExists ? 'update' : 'create';
}

/** The roles' names, as people read them: `ROLE_LABELS[locale][role]`. */
export const ROLE_LABELS = defineTexts<Role>({
  fr: { owner: 'Propriétaire', staff: 'Employé', viewer: 'Lecteur' },
  en: { owner: 'Owner', staff: 'Staff', viewer: 'Viewer' },
});

/** The roles an owner may invite someone with (a workshop has its owner already). */
export const INVITED_ROLES = ['staff', 'viewer'] as const satisfies readonly Role[];
export type InvitedRole = (typeof INVITED_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who may manage the team (invite, change roles, remove access, remove devices): the role table's say on `members`. */
export function canManageTeam(role: Role): boolean {
  return can(role, 'members', 'update');
}
