import { describe, it, expect } from 'vitest';
import { can, actionOfChange, canManageTeam, isRole, INVITED_ROLES, roleSchema, ROLES, ROLE_LABELS, type Action, type Role } from './roles.js';
import { issueMessage } from './validation.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from './tables.js';

const ACTIONS: readonly Action[] = ['read', 'create', 'update', 'delete'];
const TABLES: readonly SyncedTableName[] = [
  'workshop',
  'garment_types',
  'members',
  'clients',
  'measurement_sheets',
  'orders',
  'order_events',
  'payments',
  'fittings',
  'messages',
  'message_templates',
  'subscription',
  'directory_profile',
  'portfolio_items',
];

/** What staff may do, typed by hand from the rules (not read from ROLE_RULES). */
const STAFF: Record<SyncedTableName, readonly Action[]> = {
  workshop: ['read'],
  garment_types: ['read'],
  members: ['read'],
  clients: ['read', 'create', 'update'],
  measurement_sheets: ['read', 'create', 'update', 'delete'],
  orders: ['read', 'create', 'update', 'delete'],
  order_events: ['read', 'create'],
  payments: ['read', 'create'],
  fittings: ['read', 'create', 'update', 'delete'],
  messages: ['read', 'create', 'update'],
  message_templates: ['read'],
  subscription: ['read'],
  directory_profile: ['read'],
  portfolio_items: ['read'],
};

const cells = (role: Role) => TABLES.flatMap((table) => ACTIONS.map((action) => ({ role, table, action })));

describe('the role table', () => {
  it('knows the three roles and every synced table', () => {
    expect([...ROLES]).toEqual(['owner', 'staff', 'viewer']);
    expect([...SYNCED_TABLE_NAMES].sort()).toEqual([...TABLES].sort());
  });

  it.each(cells('owner'))('owner may $action on $table (the subscription only read: the hub writes it)', ({ table, action }) => {
    expect(can('owner', table, action)).toBe(table !== 'subscription' || action === 'read');
  });

  it.each(cells('staff'))('staff $action on $table', ({ table, action }) => {
    expect(can('staff', table, action)).toBe(STAFF[table].includes(action));
  });

  it.each(cells('viewer'))('viewer $action on $table: only read', ({ table, action }) => {
    expect(can('viewer', table, action)).toBe(action === 'read');
  });

  it('staff creates and edits clients but cannot delete them', () => {
    expect(can('staff', 'clients', 'create')).toBe(true);
    expect(can('staff', 'clients', 'update')).toBe(true);
    expect(can('staff', 'clients', 'delete')).toBe(false);
  });

  it('staff records payments but cannot reverse (delete) them, nor edit them', () => {
    expect(can('staff', 'payments', 'create')).toBe(true);
    expect(can('staff', 'payments', 'delete')).toBe(false);
    expect(can('staff', 'payments', 'update')).toBe(false);
  });

  it('staff cannot change the workshop, its garment types or its members', () => {
    for (const table of ['workshop', 'garment_types', 'members'] as const) {
      for (const action of ['create', 'update', 'delete'] as const) expect(can('staff', table, action), `${table} ${action}`).toBe(false);
      expect(can('staff', table, 'read')).toBe(true);
    }
  });

  it('parses roles with a French message for an unknown one', () => {
    expect(roleSchema.parse('staff')).toBe('staff');
    const result = roleSchema.safeParse('admin');
    expect(result.success).toBe(false);
    expect(issueMessage(result.error!.issues[0]!, 'fr')).toBe('Rôle inconnu (propriétaire, employé ou lecteur)');
    expect(issueMessage(result.error!.issues[0]!, 'en')).toBe('Unknown role (owner, staff or viewer)');
  });

  it('labels roles in French and English', () => {
    expect(ROLE_LABELS.fr.owner).toBe('Propriétaire');
    expect(ROLE_LABELS.fr.staff).toBe('Employé');
    expect(ROLE_LABELS.fr.viewer).toBe('Lecteur');
    expect(ROLE_LABELS.en.viewer).toBe('Viewer');
  });
});

describe('actionOfChange', () => {
  it('a reversing payment is a delete (even though it inserts a row)', () => {
    expect(actionOfChange('payments', false, { orderId: 'o', amount: -5_000, kind: 'reversal', reverses: 'p1' })).toBe('delete');
  });

  it('a deposit or instalment is a create', () => {
    expect(actionOfChange('payments', false, { amount: 5_000, kind: 'deposit' })).toBe('create');
    expect(actionOfChange('payments', false, { amount: 5_000, kind: 'instalment' })).toBe('create');
  });

  it('"kind: reversal" only means delete on payments', () => {
    expect(actionOfChange('order_events', false, { kind: 'reversal' })).toBe('create');
  });

  it('setting deletedAt is a delete, on any table, existing row or not', () => {
    for (const table of ['clients', 'orders', 'fittings', 'members', 'garment_types', 'measurement_sheets'] as const) {
      expect(actionOfChange(table, true, { deletedAt: '2026-11-25T10:00:00.000Z' })).toBe('delete');
      expect(actionOfChange(table, false, { name: 'x', deletedAt: '2026-11-25T10:00:00.000Z' })).toBe('delete');
    }
  });

  it('deletedAt null (a live row, or an undelete) is not a delete', () => {
    expect(actionOfChange('clients', false, { name: 'Koffi', deletedAt: null })).toBe('create');
    expect(actionOfChange('clients', true, { deletedAt: null })).toBe('update');
  });

  it('a new row is a create, a change to an existing row is an update', () => {
    expect(actionOfChange('clients', false, { name: 'Koffi' })).toBe('create');
    expect(actionOfChange('clients', true, { name: 'Koffi' })).toBe('update');
    expect(actionOfChange('orders', true, { status: 'ready' })).toBe('update');
    expect(actionOfChange('workshop', true, { capacity: 20 })).toBe('update');
  });

  it('combined with can(): staff may not reverse a payment or delete a client through sync', () => {
    expect(can('staff', 'payments', actionOfChange('payments', false, { kind: 'reversal', amount: -1 }))).toBe(false);
    expect(can('staff', 'clients', actionOfChange('clients', true, { deletedAt: '2026-11-25T10:00:00.000Z' }))).toBe(false);
    expect(can('staff', 'clients', actionOfChange('clients', true, { phone: '+2290197000000' }))).toBe(true);
  });
});

describe('the UI helpers over the role table', () => {
  it('only the owner manages the team, because only the owner may update members', () => {
    expect(ROLES.filter(canManageTeam)).toEqual(['owner']);
    for (const role of ROLES) expect(canManageTeam(role)).toBe(can(role, 'members', 'update'));
  });

  it('recognises roles and the roles one can be invited with', () => {
    expect(ROLES.filter(isRole)).toEqual(ROLES);
    expect(isRole('admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
    expect(INVITED_ROLES).toEqual(['staff', 'viewer']);
  });
});
