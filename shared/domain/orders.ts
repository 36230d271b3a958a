/** Orders, their insert-only history, payments and fittings as written by commands. */
import { z } from 'zod';
import { deletedAtSchema, idSchema, isoDateSchema, isoDateTimeSchema, jsonRecordSchema, moneySchema, notesText, photoRefSchema, positiveMoneySchema } from './fields.js';
import { ORDER_STATUSES } from './orderStatus.js';
import { PAYMENT_KINDS, PAYMENT_METHODS } from './payments.js';
import { lengthUnitSchema } from './workshop.js';
import { measurementValuesSchema } from './measurements.js';
import { URGENCIES } from './promisedDate.js';
import { FITTING_STATUSES } from './fittingStatus.js';
import { TRACKING_TOKEN_PATTERN } from '../messaging/trackingToken.js';

export const orderStatusSchema = z.enum(ORDER_STATUSES, { error: () => 'invalid.orderStatus' });
export const paymentMethodSchema = z.enum(PAYMENT_METHODS, { error: () => 'invalid.paymentMethod' });
export const paymentKindSchema = z.enum(PAYMENT_KINDS, { error: () => 'invalid.paymentKind' });

export const urgencySchema = z.enum(URGENCIES, { error: () => 'invalid.urgency' });

export const fabricSourceSchema = z.enum(['client', 'workshop'], { error: () => 'invalid.fabricSource' });

export const pagnesSchema = z
  .number({ error: () => 'invalid.pagnesMissing' })
  .min(0, 'invalid.pagnesNegative')
  .max(100, 'invalid.pagnesTooHigh')
  .refine((n) => Number.isInteger(n * 2), 'invalid.pagnesHalf')
  .nullish()
  .transform((n) => n ?? null);

/** The measurements an order was cut with: a copy, so later sheets never change it. */
export const measurementSnapshotSchema = z
  .strictObject({ sheetId: idSchema.nullable(), unit: lengthUnitSchema, values: measurementValuesSchema })
  .nullable();

export const orderRowSchema = z.strictObject({
  number: z.string().regex(/^[A-Z]{1,3}-\d{1,7}$/, 'invalid.orderNumber'),
  clientId: idSchema,
  garmentTypeId: idSchema.nullable(),
  description: notesText(2000),
  fabricSource: fabricSourceSchema,
  fabricPagnes: pagnesSchema,
  fabricPhoto: photoRefSchema,
  modelPhoto: photoRefSchema,
  measurements: measurementSnapshotSchema,
  price: moneySchema,
  urgency: urgencySchema,
  status: orderStatusSchema,
  assignedTo: idSchema.nullable(),
  promisedDate: isoDateSchema,
  internalNote: notesText(2000),
  createdAt: isoDateTimeSchema,
  createdBy: idSchema.nullable(),
  deletedAt: deletedAtSchema,
  /** Set with the status when the order is delivered or cancelled, null otherwise (domain/history.ts). */
  closedAt: isoDateTimeSchema.nullable(),
  /**
   * The tracking link's token (shared/messaging/trackingToken.ts), made by the device; a new one
   * revokes the old. Added in sync schema 3: optional in a new row, absent means none yet.
   */
  trackingToken: z.string({ error: () => 'invalid.trackingToken' }).regex(TRACKING_TOKEN_PATTERN, 'invalid.trackingToken').nullable().optional(),
});

const depositSchema = z.strictObject({ amount: positiveMoneySchema, method: paymentMethodSchema.default('cash') });

export const createOrderInput = z.strictObject({
  clientId: idSchema,
  garmentTypeId: idSchema.nullish().transform((v) => v ?? null),
  description: notesText(2000),
  fabricSource: fabricSourceSchema.default('client'),
  fabricPagnes: pagnesSchema,
  fabricPhoto: photoRefSchema,
  modelPhoto: photoRefSchema,
  /** The sheet to copy the measurements from; by default the client's latest for this garment. */
  measurementSheetId: idSchema.nullish().transform((v) => v ?? null),
  price: moneySchema.optional(),
  urgency: urgencySchema.default('normal'),
  status: z.enum(['quote', 'confirmed'], { error: () => 'invalid.initialStatus' }).default('confirmed'),
  assignedTo: idSchema.nullish().transform((v) => v ?? null),
  /** Overrides the suggested date. */
  promisedDate: isoDateSchema.optional(),
  internalNote: notesText(2000),
  deposit: depositSchema.nullish().transform((d) => d ?? null),
});

export const updateOrderInput = z
  .strictObject({
    id: idSchema,
    garmentTypeId: idSchema.nullable(),
    description: notesText(2000),
    fabricSource: fabricSourceSchema,
    fabricPagnes: pagnesSchema,
    fabricPhoto: photoRefSchema,
    modelPhoto: photoRefSchema,
    price: moneySchema,
    urgency: urgencySchema,
    assignedTo: idSchema.nullable(),
    promisedDate: isoDateSchema,
    internalNote: notesText(2000),
  })
  .partial()
  .required({ id: true });

export const changeOrderStatusInput = z.strictObject({ id: idSchema, status: orderStatusSchema, note: notesText(500) });
export const deleteOrderInput = z.strictObject({ id: idSchema });

export const suggestDateInput = z.strictObject({
  garmentTypeId: idSchema.nullish().transform((v) => v ?? null),
  durationDays: z.number().int().min(0).max(365).optional(),
  urgency: urgencySchema.default('normal'),
});

export const ORDER_EVENT_TYPES = ['created', 'status', 'updated', 'payment', 'reversal', 'fitting', 'deleted'] as const;
export const orderEventRowSchema = z.strictObject({
  orderId: idSchema,
  at: isoDateTimeSchema,
  by: idSchema.nullable(),
  type: z.enum(ORDER_EVENT_TYPES),
  data: jsonRecordSchema,
});

export const paymentRowSchema = z.strictObject({
  orderId: idSchema,
  amount: z.number().int('invalid.amountNotNumber').min(-100_000_000).max(100_000_000),
  method: paymentMethodSchema,
  kind: paymentKindSchema,
  reverses: idSchema.nullable(),
  paidAt: isoDateTimeSchema,
  note: notesText(500),
  recordedBy: idSchema.nullable(),
});

export const recordPaymentInput = z.strictObject({
  orderId: idSchema,
  amount: positiveMoneySchema,
  method: paymentMethodSchema.default('cash'),
  paidAt: isoDateTimeSchema.optional(),
  note: notesText(500),
});

export const reversePaymentInput = z.strictObject({ paymentId: idSchema, note: notesText(500) });

export { FITTING_STATUSES };
export const fittingStatusSchema = z.enum(FITTING_STATUSES, { error: () => 'invalid.fittingStatus' });

export const fittingRowSchema = z.strictObject({
  orderId: idSchema,
  at: isoDateTimeSchema,
  status: fittingStatusSchema,
  note: notesText(1000),
  deletedAt: deletedAtSchema,
});

export const scheduleFittingInput = z.strictObject({ orderId: idSchema, at: isoDateTimeSchema, note: notesText(1000) });
export const updateFittingInput = z
  .strictObject({ id: idSchema, at: isoDateTimeSchema, status: fittingStatusSchema, note: notesText(1000) })
  .partial()
  .required({ id: true });
export const deleteFittingInput = z.strictObject({ id: idSchema });
