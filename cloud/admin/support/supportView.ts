/**
 * The support view (DESIGN "Admin portal"): the owner allows it for 24 hours from the app's
 * settings (or withdraws it); while it is in force an admin reads that workshop's clients, orders
 * and messages, read-only. Each page opened, and each refusal, is one `support.view` entry of the
 * audit log, committed before the page leaves the server. The grant and the page are read on one
 * snapshot of the workshop (readWorkshop: the RLS role, a read-only transaction).
 */
import type { CloudContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import type { AdminCaller, Caller } from '../../http/route.js';
import type { Locale } from '../../../shared/i18n/texts.js';
import { supportGrantActive } from '../../../shared/admin/rules.js';
import { ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from '../../../shared/domain/orderStatus.js';
import { balanceDue } from '../../../shared/domain/payments.js';
import { fieldLabel, MEASUREMENT_CATALOGUE } from '../../../shared/domain/measurementCatalogue.js';
import { writeAudit } from '../auditSql.js';
import { clientsPage, grantInForce, grantSupport, messagesPage, ordersPage, revokeGrants, type ClientRow, type GrantRow, type OrderRow } from './supportSql.js';
import type { SupportClientsResponse, SupportGrantResponse, SupportMessagesResponse, SupportOrdersResponse, SupportPageName } from './schemas.js';
import { supportError } from './texts.js';

const shown = (grant: GrantRow | null): SupportGrantResponse => ({ grant: grant ? { grantedAt: grant.grantedAt, expiresAt: grant.expiresAt } : null });

const CATALOGUE_ORDER = new Map<string, number>(MEASUREMENT_CATALOGUE.map((field, i) => [field.key, i]));

/** The latest sheet's values, in the catalogue's order (the garment's own fields after), labelled in French. */
function measurementsOf(row: ClientRow): { label: string; value: number; unit: string }[] {
  if (!row.values || !row.unit) return [];
  const custom = Array.isArray(row.customFields) ? row.customFields : [];
  const rank = (key: string) => CATALOGUE_ORDER.get(key) ?? MEASUREMENT_CATALOGUE.length;
  return Object.entries(row.values)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => ({ label: fieldLabel(key, 'fr', custom), value, unit: row.unit! }));
}

function isStatus(status: string): status is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(status);
}

/** An order as the support view shows it: the balance by the app's own rule (payments, reversals included). */
function orderOf(row: OrderRow) {
  const status: OrderStatus = isStatus(row.status) ? row.status : 'confirmed';
  const total = Number(row.price);
  const paid = Number(row.paid);
  return {
    id: row.id,
    number: row.number,
    clientName: row.clientName,
    status,
    statusLabel: ORDER_STATUS_LABELS.fr[status],
    promisedDate: row.promisedDate,
    total,
    paid,
    balance: balanceDue(total, status, [{ amount: paid }]),
    createdAt: row.createdAt,
  };
}

export class SupportAccess {
  constructor(private readonly ctx: CloudContext) {}

  /** The owner's permission in force, or null (owner and admin alike; not audited). */
  current(workshopId: string): Promise<SupportGrantResponse> {
    return this.ctx.db.readWorkshop(workshopId, async (tx) => shown(await grantInForce(tx, workshopId, this.ctx.now())));
  }

  /** The owner allows the support view for 24 hours from now (replacing a permission in force). */
  allow(caller: Caller): Promise<SupportGrantResponse> {
    return this.ctx.db.withWorkshop(caller.workshopId, async (tx) => shown(await grantSupport(tx, caller.workshopId, caller.memberId, this.ctx.now())));
  }

  /** The owner withdraws it at once. */
  withdraw(caller: Caller): Promise<SupportGrantResponse> {
    return this.ctx.db.withWorkshop(caller.workshopId, async (tx) => {
      await revokeGrants(tx, caller.workshopId, this.ctx.now());
      return { grant: null };
    });
  }

  clients(admin: AdminCaller, workshopId: string, q: string, page: number, locale: Locale): Promise<SupportClientsResponse> {
    const detail = q.trim() === '' ? { page: 'clients' as const, pageNumber: page } : { page: 'clients' as const, pageNumber: page, q: q.trim() };
    return this.open(admin, workshopId, detail, locale, async (tx) => {
      const found = await clientsPage(tx, workshopId, q, page);
      const clients = found.items.map((row) => ({
        id: row.id,
        name: row.name,
        phone: row.phone,
        email: row.email,
        city: null,
        notes: row.notes,
        measurements: measurementsOf(row),
        orders: Number(row.orders),
      }));
      return { clients, page: found.page, hasMore: found.hasMore };
    });
  }

  orders(admin: AdminCaller, workshopId: string, page: number, locale: Locale): Promise<SupportOrdersResponse> {
    return this.open(admin, workshopId, { page: 'orders', pageNumber: page }, locale, async (tx) => {
      const found = await ordersPage(tx, workshopId, page);
      return { orders: found.items.map(orderOf), page: found.page, hasMore: found.hasMore };
    });
  }

  messages(admin: AdminCaller, workshopId: string, page: number, locale: Locale): Promise<SupportMessagesResponse> {
    return this.open(admin, workshopId, { page: 'messages', pageNumber: page }, locale, async (tx) => {
      const found = await messagesPage(tx, workshopId, page);
      return { messages: found.items, page: found.page, hasMore: found.hasMore };
    });
  }

  /**
   * Reads one page while the permission is in force (checked on the page's own snapshot), then
   * writes its audit entry; without a permission, the refusal is written and a 403 answered.
   */
  private async open<T>(
    admin: AdminCaller,
    workshopId: string,
    detail: { page: SupportPageName; pageNumber: number; q?: string },
    locale: Locale,
    read: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    const now = this.ctx.now();
    const result = await this.ctx.db.readWorkshop(workshopId, async (tx) => {
      const grant = await grantInForce(tx, workshopId, now);
      return supportGrantActive(grant, now) ? { page: await read(tx) } : null;
    });
    await this.ctx.db.system((tx) =>
      writeAudit(
        tx,
        {
          admin: { id: admin.adminId, email: admin.email },
          action: 'support.view',
          target: { type: 'workshop', id: workshopId },
          workshopId,
          detail: result ? detail : { ...detail, refused: true },
          ip: admin.ip,
        },
        now,
      ),
    );
    if (!result) throw supportError('support_not_allowed', locale);
    return result.page;
  }
}
