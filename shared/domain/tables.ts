/** The tables a workshop synchronises, by their name in the sync protocol. */
export const SYNCED_TABLE_NAMES = [
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
] as const;

export type SyncedTableName = (typeof SYNCED_TABLE_NAMES)[number];

export function isSyncedTableName(value: unknown): value is SyncedTableName {
  return typeof value === 'string' && (SYNCED_TABLE_NAMES as readonly string[]).includes(value);
}
