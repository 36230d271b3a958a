/**
 * POST /api/auth/signup: a new account, its workshop (with the default garment types) and its
 * owner member, in ONE transaction. The workshop rows are written through the hub's write
 * function, so the first device to sync receives them like any other change.
 */
import type { Router } from 'express';
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { users } from '../db/schema.js';
import { applyFields, SeqAllocator } from '../sync/hubWrite.js';
import { ROW_SCHEMAS } from '../../shared/domain/rowSchemas.js';
import { DEFAULT_GARMENT_TYPES } from '../../shared/domain/measurements.js';
import { newId } from '../../shared/domain/ids.js';
import { assertAvailable, conflictOf, openSession } from './accounts.js';
import { hashPassword } from './passwords.js';
import { sessionResponse, signupBody } from './schemas.js';
import { uniqueViolation } from './texts.js';

export interface NewWorkshop {
  workshopId: string;
  workshopName: string;
  phone: string;
  owner: { memberId: string; userId: string; name: string };
}

/** Writes a new workshop's rows (inside `withWorkshop(workshopId)`, users row already there). */
export async function createWorkshopRows(ctx: CloudContext, tx: Tx, w: NewWorkshop): Promise<void> {
  await tx.execute(sql`INSERT INTO workshop_sync (workshop_id, last_seq, next_device_number) VALUES (${w.workshopId}, 0, 0)`);
  const seqs = await SeqAllocator.lock(tx, w.workshopId);
  const shop = ROW_SCHEMAS.workshop.parse({
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
    createdAt: ctx.now().toISOString(),
  });
  await applyFields(tx, seqs, 'workshop', w.workshopId, ctx.clock.now(), shop, undefined);
  const owner = ROW_SCHEMAS.members.parse({ name: w.owner.name, phone: w.phone, role: 'owner', deletedAt: null });
  await applyFields(tx, seqs, 'members', w.owner.memberId, ctx.clock.now(), owner, undefined);
  await tx.execute(sql`UPDATE members SET user_id = ${w.owner.userId} WHERE id = ${w.owner.memberId}`);
  for (const [position, garment] of DEFAULT_GARMENT_TYPES.entries()) {
    const fields = ROW_SCHEMAS.garment_types.parse({
      name: garment.name,
      durationDays: garment.durationDays,
      defaultPrice: garment.defaultPrice,
      measurementFields: [...garment.measurementFields],
      customFields: [],
      position,
      deletedAt: null,
    });
    await applyFields(tx, seqs, 'garment_types', newId(), ctx.clock.now(), fields, undefined);
  }
  await seqs.flush(tx);
}

export function mountSignup(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/signup',
      tag: 'auth',
      summary: 'Crée un compte, son atelier (avec les vêtements par défaut) et ouvre une session.',
      auth: 'none',
      body: signupBody,
      responses: {
        201: { description: 'Compte et atelier créés, session ouverte', schema: sessionResponse },
        409: { description: 'phone_taken / email_taken : numéro ou e-mail déjà utilisé par un compte' },
      },
    },
    async (req, res, { body }) => {
      await ctx.db.system((tx) => assertAvailable(tx, req, body.phone, body.email));
      const passwordHash = await hashPassword(body.password);
      const userId = newId();
      const workshopId = newId();
      const memberId = newId();
      const user = { id: userId, name: body.ownerName, phone: body.phone, email: body.email };
      try {
        const session = await ctx.db.withWorkshop(workshopId, async (tx) => {
          await tx.insert(users).values({ ...user, passwordHash, createdAt: ctx.now() });
          await createWorkshopRows(ctx, tx, {
            workshopId,
            workshopName: body.workshopName,
            phone: body.phone,
            owner: { memberId, userId, name: body.ownerName },
          });
          return openSession(ctx, tx, user, { userId, workshopId, memberId }, 'owner');
        });
        res.status(201).json(session);
      } catch (error) {
        // Two sign-ups with the same number at the same moment: the unique index decides.
        const constraint = uniqueViolation(error);
        if (constraint !== undefined) throw conflictOf(req, constraint);
        throw error;
      }
    },
  );
}
