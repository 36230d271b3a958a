/**
 * A new workshop's synced rows: the workshop, its owner member and the default garment types,
 * written by the server-write helper (lock → apply fields → change log), so the first device to
 * sync receives them like any other change. Used by signup, and by the test fixtures so that
 * tests start from exactly what signup makes.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import { DEFAULT_GARMENT_NAMES, DEFAULT_GARMENT_TYPES } from '../../shared/domain/measurements.js';
import type { Locale } from '../../shared/i18n/index.js';
import { newId } from '../../shared/domain/ids.js';
import { linkMemberToUser } from './teamSql.js';

export interface NewWorkshop {
  workshopId: string;
  workshopName: string;
  phone: string;
  owner: { memberId: string; userId: string; name: string };
  /** The language the default garment types are named in: the signup request's (French by default). */
  locale?: Locale;
}

/** Inside `withWorkshop(w.workshopId)`, the owner's users row already written. */
export async function createWorkshopRows(writer: ServerWriter, tx: Tx, w: NewWorkshop, now: Date): Promise<void> {
  // The workshop's sequence: the server-write helper locks it first.
  await tx.execute(sql`INSERT INTO workshop_sync (workshop_id, last_seq, next_device_number) VALUES (${w.workshopId}, 0, 0)`);
  await writer.inWorkshop(tx, w.workshopId, async (writes) => {
    await writes.write('workshop', w.workshopId, {
      name: w.workshopName,
      phone: w.phone,
      city: null,
      country: 'BJ',
      timezone: 'Africa/Porto-Novo',
      currency: 'XOF',
      workingDays: [1, 2, 3, 4, 5, 6],
      closingDays: [],
      capacity: 15,
      unit: 'cm',
      createdAt: now.toISOString(),
    });
    await writes.write('members', w.owner.memberId, { name: w.owner.name, phone: w.phone, role: 'owner', deletedAt: null });
    await linkMemberToUser(tx, w.owner.memberId, w.owner.userId);
    for (const [position, garment] of DEFAULT_GARMENT_TYPES.entries()) {
      await writes.write('garment_types', newId(), {
        name: DEFAULT_GARMENT_NAMES[w.locale ?? 'fr'][garment.key],
        durationDays: garment.durationDays,
        defaultPrice: garment.defaultPrice,
        measurementFields: [...garment.measurementFields],
        customFields: [],
        position,
        deletedAt: null,
      });
    }
  });
}
