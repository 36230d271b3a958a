/** The workshop's settings, garment types and members. */
import type { SqlExecutor } from '../sqlPort.js';
import { EngineError } from '../../domain/errors.js';
import { t, type Locale } from '../../i18n/index.js';
import type { LengthUnit } from '../../domain/measurements.js';

export interface WorkshopSettings {
  id: string;
  name: string;
  phone: string | null;
  city: string | null;
  country: string;
  timezone: string;
  currency: 'XOF';
  workingDays: number[];
  closingDays: string[];
  capacity: number;
  unit: LengthUnit;
  createdAt: string;
  /** SMS text rewritten to GSM-7 ("Aïcha" → "Aicha"), on by default. */
  smsGsm7: boolean;
  /** Days an order stays ready with a balance before the hub's balance reminder. */
  balanceReminderDays: number;
}

export async function findWorkshopSettings(db: SqlExecutor): Promise<WorkshopSettings | null> {
  const row = await db.get<Record<string, string | number | null>>('SELECT * FROM workshop LIMIT 1');
  if (!row) return null;
  return {
    id: row.id as string,
    name: row.name as string,
    phone: row.phone as string | null,
    city: row.city as string | null,
    country: row.country as string,
    timezone: row.timezone as string,
    currency: 'XOF',
    workingDays: JSON.parse(row.working_days as string) as number[],
    closingDays: JSON.parse(row.closing_days as string) as string[],
    capacity: row.capacity as number,
    unit: row.unit as LengthUnit,
    createdAt: row.created_at as string,
    smsGsm7: row.sms_gsm7 !== 0,
    balanceReminderDays: row.balance_reminder_days as number,
  };
}

export async function workshopSettings(db: SqlExecutor, locale: Locale = 'fr'): Promise<WorkshopSettings> {
  const settings = await findWorkshopSettings(db);
  if (!settings) throw new EngineError('not_ready', t(locale, 'error.notReady'));
  return settings;
}

export interface GarmentType {
  id: string;
  name: string;
  durationDays: number;
  defaultPrice: number;
  measurementFields: string[];
  customFields: { key: string; label: string }[];
  position: number;
}

export async function listGarmentTypes(db: SqlExecutor): Promise<GarmentType[]> {
  const rows = await db.all<Record<string, string | number>>(
    'SELECT * FROM garment_types WHERE deleted_at IS NULL ORDER BY position, name',
  );
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    durationDays: r.duration_days as number,
    defaultPrice: r.default_price as number,
    measurementFields: JSON.parse(r.measurement_fields as string) as string[],
    customFields: JSON.parse(r.custom_fields as string) as { key: string; label: string }[],
    position: r.position as number,
  }));
}

export interface Member {
  id: string;
  name: string;
  phone: string | null;
  role: string;
}

export async function listMembers(db: SqlExecutor): Promise<Member[]> {
  return db.all<Member>('SELECT id, name, phone, role FROM members WHERE deleted_at IS NULL ORDER BY name');
}
