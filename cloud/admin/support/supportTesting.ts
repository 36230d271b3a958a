/**
 * Test support for the support view: a workshop's clients, measurement sheets, orders, payments
 * (a reversal included) and messages, written as the hub writes its own rows (serverWrites), so
 * the admin's pages read exactly what a device's sync would have left; and the audit log's
 * `support.view` entries.
 */
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../../context.js';
import { rows } from '../../db/client.js';
import { newId } from '../../../shared/domain/ids.js';
import type { ServerWrites } from '../../sync/serverWrite.js';
import { clientRow, orderRow, paymentRow } from '../../testing/rawSync.js';

export interface SupportSeed {
  awa: string;
  koffi: string;
  robe: string;
  boubou: string;
  messageId: string;
}

const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

function inWorkshop(ctx: CloudContext, workshopId: string, work: (writes: ServerWrites) => Promise<void>): Promise<void> {
  return ctx.db.withWorkshop(workshopId, (tx) => ctx.services.serverWrites.inWorkshop(tx, workshopId, work));
}

/**
 * Awa (two sheets, the latest on a garment with a field of its own; the order RB-101 paid 10 000 of
 * 30 000 after a reversed instalment, and a message), then Koffi (no sheet; BB-102 ready), then
 * `extraClients` more clients, newest last. Everything dated from `at` on.
 */
export async function seedSupportWorkshop(ctx: CloudContext, workshopId: string, at: Date, extraClients = 0): Promise<SupportSeed> {
  const seed: SupportSeed = { awa: newId(), koffi: newId(), robe: newId(), boubou: newId(), messageId: newId() };
  const garment = newId();
  await inWorkshop(ctx, workshopId, async (writes) => {
    await writes.write('garment_types', garment, {
      name: 'Boubou', durationDays: 7, defaultPrice: 25_000, measurementFields: ['tour_poitrine', 'tour_taille'], customFields: [{ key: 'col_mao', label: 'Hauteur du col mao' }], position: 0, deletedAt: null,
    });
    await writes.write('clients', seed.awa, { ...clientRow('Awa Dossou', minutes(at, 1)), phone: '+2290197000101', email: 'awa@example.test', notes: 'Préfère les essayages le samedi' });
    await writes.write('measurement_sheets', newId(), { clientId: seed.awa, garmentTypeId: null, unit: 'cm', values: { tour_taille: 70 }, note: null, takenAt: minutes(at, 2).toISOString(), takenBy: null, deletedAt: null });
    await writes.write('measurement_sheets', newId(), {
      clientId: seed.awa, garmentTypeId: garment, unit: 'cm', values: { tour_taille: 74, col_mao: 4, tour_poitrine: 92 }, note: null, takenAt: minutes(at, 3).toISOString(), takenBy: null, deletedAt: null,
    });
    await writes.write('orders', seed.robe, { ...orderRow(seed.awa, 'RB-101', 30_000, minutes(at, 4)), promisedDate: '2036-03-20' });
    const instalment = newId();
    await writes.write('payments', newId(), paymentRow(seed.robe, 10_000, minutes(at, 5)));
    await writes.write('payments', instalment, { ...paymentRow(seed.robe, 5_000, minutes(at, 6)), kind: 'instalment' });
    await writes.write('payments', newId(), { ...paymentRow(seed.robe, -5_000, minutes(at, 7)), kind: 'reversal', reverses: instalment });
    await writes.write('messages', seed.messageId, {
      clientId: seed.awa, orderId: seed.robe, channel: 'sms', to: '+2290197000101', body: 'Bonjour Awa, votre robe RB-101 est prête.', kind: 'order_ready', status: 'delivered',
      createdAt: minutes(at, 8).toISOString(), createdBy: null, deletedAt: null, providerId: null, segments: 1, credits: 1, sentAt: null, deliveredAt: null, failureReason: null,
    });
    await writes.write('clients', seed.koffi, clientRow('Koffi Agbo', minutes(at, 10)));
    await writes.write('orders', seed.boubou, { ...orderRow(seed.koffi, 'BB-102', 15_000, minutes(at, 11)), status: 'ready', promisedDate: '2036-03-10' });
    if (extraClients > 0) {
      await writes.insertNew('clients', Array.from({ length: extraClients }, (_, i) => ({ rowId: newId(), fields: clientRow(`Client numéro ${i + 1}`, minutes(at, 20 + i)) })));
    }
  });
  return seed;
}

export interface AuditRow {
  adminEmail: string;
  workshopId: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
}

/** The `support.view` entries of the audit log, oldest first. */
export function supportViews(ctx: CloudContext): Promise<AuditRow[]> {
  return ctx.db.system((tx) =>
    rows<AuditRow>(
      tx,
      sql`SELECT admin_email AS "adminEmail", workshop_id::text AS "workshopId", target_type AS "targetType", target_id AS "targetId", detail
          FROM admin_audit WHERE action = 'support.view' ORDER BY id`,
    ),
  );
}
