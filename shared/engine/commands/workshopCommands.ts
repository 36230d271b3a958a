/** Setting up the workshop, its settings, garment types and members (owner only). */
import { z } from 'zod';
import { defineCommand } from './define.js';
import { requireRow } from './lookup.js';
import { writeChange } from '../write.js';
import { getMeta, setMeta } from '../meta.js';
import { newId } from '../../domain/ids.js';
import { EngineError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import {
  setupWorkshopInput,
  updateSettingsInput,
  createGarmentTypeInput,
  updateGarmentTypeInput,
  deleteGarmentTypeInput,
} from '../../domain/workshop.js';
import { DEFAULT_GARMENT_NAMES, DEFAULT_GARMENT_TYPES } from '../../domain/measurements.js';
import { roleSchema } from '../../domain/roles.js';
import { optionalPhoneSchema } from '../../domain/phone.js';
import { idSchema, requiredText } from '../../domain/fields.js';

export const setupWorkshop = defineCommand({
  input: setupWorkshopInput,
  permission: { table: 'workshop', action: 'create' },
  allowBeforeSetup: true,
  async run(ctx, tx, input) {
    if (await tx.get('SELECT id FROM workshop')) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.alreadySetUp'));
    }
    const workshopId = newId();
    const ownerId = newId();
    const createdAt = ctx.now().toISOString();
    await writeChange(ctx, tx, 'workshop', workshopId, {
      name: input.name,
      phone: input.phone,
      city: input.city,
      country: input.country,
      timezone: input.timezone,
      currency: 'XOF',
      workingDays: input.workingDays,
      closingDays: input.closingDays,
      capacity: input.capacity,
      unit: input.unit,
      createdAt,
    }, 'insert');
    await writeChange(ctx, tx, 'members', ownerId, { name: input.ownerName, phone: input.phone, role: 'owner', deletedAt: null }, 'insert');
    if (input.withDefaultGarments) {
      for (const [position, garment] of DEFAULT_GARMENT_TYPES.entries()) {
        await writeChange(ctx, tx, 'garment_types', newId(), {
          name: DEFAULT_GARMENT_NAMES[ctx.locale][garment.key],
          durationDays: garment.durationDays,
          defaultPrice: garment.defaultPrice,
          measurementFields: garment.measurementFields,
          customFields: [],
          position,
          deletedAt: null,
        }, 'insert');
      }
    }
    await setMeta(tx, 'workshopId', workshopId);
    // The device that creates the workshop is its first device: code A. Others get theirs from the hub.
    if (!(await getMeta(tx, 'deviceCode'))) await setMeta(tx, 'deviceCode', 'A');
    return { workshopId, ownerId };
  },
});

export const updateSettings = defineCommand({
  input: updateSettingsInput,
  permission: { table: 'workshop', action: 'update' },
  async run(ctx, tx, input) {
    const row = await tx.get<{ id: string }>('SELECT id FROM workshop');
    if (!row) throw new EngineError('not_ready', t(ctx.locale, 'error.notReady'));
    const fields = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length > 0) await writeChange(ctx, tx, 'workshop', row.id, fields, 'update');
    return { id: row.id };
  },
});

export const createGarmentType = defineCommand({
  input: createGarmentTypeInput,
  permission: { table: 'garment_types', action: 'create' },
  async run(ctx, tx, input) {
    const id = newId();
    await writeChange(ctx, tx, 'garment_types', id, { ...input, deletedAt: null }, 'insert');
    return { id };
  },
});

export const updateGarmentType = defineCommand({
  input: updateGarmentTypeInput,
  permission: { table: 'garment_types', action: 'update' },
  async run(ctx, tx, { id, ...changes }) {
    await requireRow(ctx, tx, 'garment_types', id, 'id');
    const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length > 0) await writeChange(ctx, tx, 'garment_types', id, fields, 'update');
    return { id };
  },
});

export const deleteGarmentType = defineCommand({
  input: deleteGarmentTypeInput,
  permission: { table: 'garment_types', action: 'delete' },
  async run(ctx, tx, { id }) {
    await requireRow(ctx, tx, 'garment_types', id, 'id');
    await writeChange(ctx, tx, 'garment_types', id, { deletedAt: ctx.now().toISOString() }, 'update');
    return { id };
  },
});

const memberFields = {
  name: requiredText(120, 'invalid.nameRequired'),
  phone: optionalPhoneSchema,
  role: roleSchema,
};

export const addMember = defineCommand({
  input: z.strictObject(memberFields),
  permission: { table: 'members', action: 'create' },
  async run(ctx, tx, input) {
    const id = newId();
    await writeChange(ctx, tx, 'members', id, { ...input, deletedAt: null }, 'insert');
    return { id };
  },
});

export const updateMember = defineCommand({
  input: z.strictObject({ id: idSchema, ...memberFields }).partial().required({ id: true }),
  permission: { table: 'members', action: 'update' },
  async run(ctx, tx, { id, ...changes }) {
    const member = await requireRow<{ role: string }>(ctx, tx, 'members', id, 'id');
    if (member.role === 'owner' && changes.role && changes.role !== 'owner') {
      const owners = await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM members WHERE role = 'owner' AND deleted_at IS NULL");
      if ((owners?.n ?? 0) <= 1) throw new EngineError('rule_violation', t(ctx.locale, 'rule.lastOwner'), 'role');
    }
    const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length > 0) await writeChange(ctx, tx, 'members', id, fields, 'update');
    return { id };
  },
});

export const removeMember = defineCommand({
  input: z.strictObject({ id: idSchema }),
  permission: { table: 'members', action: 'delete' },
  async run(ctx, tx, { id }) {
    const member = await requireRow<{ role: string }>(ctx, tx, 'members', id, 'id');
    if (id === ctx.actor.memberId) throw new EngineError('rule_violation', t(ctx.locale, 'rule.cannotRemoveSelf'), 'id');
    if (member.role === 'owner') {
      const owners = await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM members WHERE role = 'owner' AND deleted_at IS NULL");
      if ((owners?.n ?? 0) <= 1) throw new EngineError('rule_violation', t(ctx.locale, 'rule.lastOwner'), 'id');
    }
    await writeChange(ctx, tx, 'members', id, { deletedAt: ctx.now().toISOString() }, 'update');
    return { id };
  },
});
