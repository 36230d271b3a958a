/**
 * The workshop's public profile and its portfolio (DESIGN "Public directory"), the owner's:
 * - saveDirectoryProfile: the one `directory_profile` row (its id the workshop's), any of its
 *   fields; published only with a city and a position, and (when it turns published) with a plan
 *   that includes the directory and is not suspended;
 * - addPortfolioPhoto / updatePortfolioPhoto / reorderPortfolio / removePortfolioPhoto: photos by
 *   content hash (taken offline, uploaded later like order photos), within the plan's photo limit.
 * The plan is the synced `subscription` row; without one yet (never synced) the hub decides at push.
 */
import { z } from 'zod';
import { defineCommand } from './define.js';
import { requireRow } from './lookup.js';
import { writeChange } from '../write.js';
import { readRow } from '../rowStore.js';
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { newId } from '../../domain/ids.js';
import { idSchema } from '../../domain/fields.js';
import { EngineError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { directoryProfileRowSchema, portfolioItemRowSchema, missingForListing } from '../../directory/profile.js';
import { subscriptionOf } from '../queries/subscriptionQueries.js';
import { directoryDefaults, livePhotoCount, planRefusal } from '../queries/directoryQueries.js';

const profileInput = directoryProfileRowSchema.omit({ updatedAt: true }).partial().strict();

const photoFields = {
  caption: portfolioItemRowSchema.shape.caption,
  garmentTypeId: idSchema.nullish(),
  published: z.boolean({ error: () => 'invalid.yesNo' }).optional(),
};

/** Only the fields given (undefined = unchanged). */
function given(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

async function workshopId(ctx: EngineContext, tx: SqlExecutor): Promise<string> {
  const row = await tx.get<{ id: string }>('SELECT id FROM workshop');
  if (!row) throw new EngineError('not_ready', t(ctx.locale, 'error.notReady'));
  return row.id;
}

async function requirePhoto(ctx: EngineContext, tx: SqlExecutor, id: string): Promise<void> {
  const row = await tx.get('SELECT id FROM portfolio_items WHERE id = ? AND deleted_at IS NULL', [id]);
  if (!row) throw new EngineError('not_found', t(ctx.locale, 'error.notFound', { what: t(ctx.locale, 'what.portfolioPhoto') }), 'id');
}

async function checkGarmentType(ctx: EngineContext, tx: SqlExecutor, id: string | null | undefined): Promise<void> {
  if (id) await requireRow(ctx, tx, 'garment_types', id, 'garmentTypeId');
}

export const saveDirectoryProfile = defineCommand({
  input: profileInput,
  permission: { table: 'directory_profile', action: 'update' },
  async run(ctx, tx, input) {
    const id = await workshopId(ctx, tx);
    const stored = await readRow(tx, 'directory_profile', id);
    const before = stored ? (stored.fields as Record<string, unknown>) : { ...(await directoryDefaults(tx, id)) };
    const changes = given(input);
    const after = { ...before, ...changes };
    if ((after.lat == null) !== (after.lng == null)) {
      throw new EngineError('invalid_input', t(ctx.locale, 'error.invalid', { field: t(ctx.locale, 'field.position'), message: t(ctx.locale, 'invalid.latLngPair') }), after.lat == null ? 'lat' : 'lng');
    }
    if (after.published === true) {
      const missing = missingForListing({ city: (after.city as string | null) ?? null, lat: (after.lat as number | null) ?? null, lng: (after.lng as number | null) ?? null });
      if (missing.length === 2) throw new EngineError('rule_violation', t(ctx.locale, 'rule.directoryNeedsCityAndPosition'), 'published');
      if (missing[0] === 'city') throw new EngineError('rule_violation', t(ctx.locale, 'rule.directoryNeedsCity'), 'city');
      if (missing[0] === 'position') throw new EngineError('rule_violation', t(ctx.locale, 'rule.directoryNeedsPosition'), 'lat');
      // Turning it on needs the plan's directory; a profile already published may still be edited (the hub hides it).
      if (before.published !== true || !stored) {
        const refusal = planRefusal(await subscriptionOf(tx), ctx.locale);
        if (refusal) throw new EngineError('rule_violation', refusal, 'published');
      }
    }
    const updatedAt = ctx.now().toISOString();
    if (!stored) {
      await writeChange(ctx, tx, 'directory_profile', id, { ...after, updatedAt }, 'insert');
    } else if (Object.keys(changes).length > 0) {
      await writeChange(ctx, tx, 'directory_profile', id, { ...changes, updatedAt }, 'update');
    }
    return { id };
  },
});

export const addPortfolioPhoto = defineCommand({
  input: z.strictObject({ fileHash: portfolioItemRowSchema.shape.fileHash, ...photoFields }),
  permission: { table: 'portfolio_items', action: 'create' },
  async run(ctx, tx, input) {
    await workshopId(ctx, tx);
    await checkGarmentType(ctx, tx, input.garmentTypeId);
    const subscription = await subscriptionOf(tx);
    const used = await livePhotoCount(tx);
    if (subscription && used >= subscription.limits.portfolioPhotos) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.portfolioLimit', { plan: subscription.planName, limit: subscription.limits.portfolioPhotos, used }), 'fileHash');
    }
    const last = await tx.get<{ p: number | null }>('SELECT MAX(position) AS p FROM portfolio_items WHERE deleted_at IS NULL');
    const id = newId();
    const position = last?.p == null ? 0 : last.p + 1;
    await writeChange(ctx, tx, 'portfolio_items', id, {
      fileHash: input.fileHash,
      caption: input.caption ?? null,
      garmentTypeId: input.garmentTypeId ?? null,
      published: input.published ?? true,
      position,
      createdAt: ctx.now().toISOString(),
      deletedAt: null,
    }, 'insert');
    return { id, position };
  },
});

export const updatePortfolioPhoto = defineCommand({
  input: z.strictObject({ id: idSchema, ...photoFields, caption: photoFields.caption.optional() }),
  permission: { table: 'portfolio_items', action: 'update' },
  async run(ctx, tx, { id, ...changes }) {
    await requirePhoto(ctx, tx, id);
    await checkGarmentType(ctx, tx, changes.garmentTypeId);
    const fields = given(changes);
    if (Object.keys(fields).length > 0) await writeChange(ctx, tx, 'portfolio_items', id, fields, 'update');
    return { id };
  },
});

export const reorderPortfolio = defineCommand({
  input: z.strictObject({ ids: z.array(idSchema, { error: () => 'invalid.idMissing' }).min(1).max(10_000) }),
  permission: { table: 'portfolio_items', action: 'update' },
  async run(ctx, tx, { ids }) {
    if (new Set(ids).size !== ids.length) throw new EngineError('rule_violation', t(ctx.locale, 'rule.portfolioOrderRepeated'), 'ids');
    const live = await tx.all<{ id: string; position: number }>('SELECT id, position FROM portfolio_items WHERE deleted_at IS NULL ORDER BY position, created_at, id');
    const known = new Set(live.map((r) => r.id));
    if (ids.some((id) => !known.has(id))) throw new EngineError('rule_violation', t(ctx.locale, 'rule.portfolioOrderUnknown'), 'ids');
    // The photos given first, in that order; any other (added meanwhile on another device) after them, as they were.
    const listed = new Set(ids);
    const order = [...ids, ...live.filter((r) => !listed.has(r.id)).map((r) => r.id)];
    const current = new Map(live.map((r) => [r.id, r.position]));
    let changed = 0;
    for (const [position, id] of order.entries()) {
      if (current.get(id) === position) continue;
      await writeChange(ctx, tx, 'portfolio_items', id, { position }, 'update');
      changed += 1;
    }
    return { changed };
  },
});

export const removePortfolioPhoto = defineCommand({
  input: z.strictObject({ id: idSchema }),
  permission: { table: 'portfolio_items', action: 'delete' },
  async run(ctx, tx, { id }) {
    await requirePhoto(ctx, tx, id);
    await writeChange(ctx, tx, 'portfolio_items', id, { deletedAt: ctx.now().toISOString() }, 'update');
    return { id };
  },
});
