/** Client list and search, client card, measurement sheets. */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { searchTerms } from '../../domain/text.js';
import { prefillFromLast } from '../../domain/measurements.js';
import { EngineError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { listGarmentTypes } from './settingsQueries.js';
import { ORDER_SUMMARY_COLUMNS, toOrderSummary, type OrderSummary, type OrderSummaryRow } from './orderRows.js';

export interface ClientListItem {
  id: string;
  name: string;
  phone: string | null;
  whatsapp: string | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Accent- and case-insensitive on the name, any part of the phone number (national or international). */
export async function searchClients(db: SqlExecutor, args: { query: string; limit: number; offset: number }): Promise<ClientListItem[]> {
  const { text, digits } = searchTerms(args.query);
  const where: string[] = ['deleted_at IS NULL'];
  const params: (string | number)[] = [];
  if (text || digits) {
    const alternatives: string[] = [];
    if (text) {
      alternatives.push("search_name LIKE ? ESCAPE '\\'");
      params.push(`%${escapeLike(text)}%`);
    }
    if (digits) {
      alternatives.push("phone_digits LIKE ? ESCAPE '\\'");
      params.push(`%${digits}%`);
    }
    where.push(`(${alternatives.join(' OR ')})`);
  }
  params.push(args.limit, args.offset);
  return db.all<ClientListItem>(
    `SELECT id, name, phone, whatsapp FROM clients WHERE ${where.join(' AND ')} ORDER BY search_name LIMIT ? OFFSET ?`,
    params,
  );
}

export interface ClientCard {
  client: ClientListItem & {
    email: string | null;
    gender: string | null;
    notes: string | null;
    preferredChannel: string | null;
    createdAt: string;
    /** The client does not want messages: no automatic one goes to them. */
    messagesOptOut: boolean;
  };
  orders: OrderSummary[];
  /** Sum of what is still owed on the client's orders (cancelled ones excluded). */
  balance: number;
  totalPaid: number;
}

export async function clientCard(ctx: EngineContext, db: SqlExecutor, id: string): Promise<ClientCard> {
  const row = await db.get<Omit<ClientCard['client'], 'messagesOptOut'> & { messages_opt_out: number }>(
    `SELECT id, name, phone, whatsapp, email, gender, notes, preferred_channel AS preferredChannel, created_at AS createdAt, messages_opt_out
     FROM clients WHERE id = ? AND deleted_at IS NULL`,
    [id],
  );
  if (!row) throw new EngineError('not_found', t(ctx.locale, 'error.notFound', { what: t(ctx.locale, 'what.client') }), 'id');
  const rows = await db.all<OrderSummaryRow>(
    `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders o JOIN clients c ON c.id = o.client_id
     WHERE o.client_id = ? AND o.deleted_at IS NULL ORDER BY o.created_at DESC`,
    [id],
  );
  const { messages_opt_out: optOut, ...fields } = row;
  const client = { ...fields, messagesOptOut: optOut !== 0 };
  const orders = rows.map(toOrderSummary);
  const balance = orders.filter((o) => o.status !== 'cancelled').reduce((sum, o) => sum + o.balance, 0);
  const totalPaid = orders.reduce((sum, o) => sum + o.paid, 0);
  return { client, orders, balance, totalPaid };
}

export interface MeasurementSheet {
  id: string;
  clientId: string;
  garmentTypeId: string | null;
  unit: 'cm' | 'in';
  values: Record<string, number>;
  note: string | null;
  takenAt: string;
  takenBy: string | null;
}

const SHEET_COLUMNS = `id, client_id AS clientId, garment_type_id AS garmentTypeId, unit, "values", note, taken_at AS takenAt, taken_by AS takenBy`;

/** Every sheet of a client (optionally for one garment), newest first: the full history. */
export async function sheetHistory(db: SqlExecutor, clientId: string, garmentTypeId: string | null = null): Promise<MeasurementSheet[]> {
  const rows = await db.all<Omit<MeasurementSheet, 'values'> & { values: string }>(
    `SELECT ${SHEET_COLUMNS} FROM measurement_sheets WHERE client_id = ? AND deleted_at IS NULL
     AND (? IS NULL OR garment_type_id = ?) ORDER BY taken_at DESC`,
    [clientId, garmentTypeId, garmentTypeId],
  );
  return rows.map((r) => ({ ...r, values: JSON.parse(r.values) as Record<string, number> }));
}

/** A new sheet's starting values: the garment's template, pre-filled with the last sheet. */
export async function sheetDraft(db: SqlExecutor, clientId: string, garmentTypeId: string | null) {
  const garments = await listGarmentTypes(db);
  const garment = garments.find((g) => g.id === garmentTypeId);
  const template = garment ? [...garment.measurementFields, ...garment.customFields.map((f) => f.key)] : [];
  const [last] = await sheetHistory(db, clientId, garmentTypeId);
  return {
    garmentTypeId,
    unit: last?.unit ?? null,
    values: prefillFromLast(template, last?.values),
    customFields: garment?.customFields ?? [],
    lastSheetId: last?.id ?? null,
    lastTakenAt: last?.takenAt ?? null,
  };
}
