/** Every query of the engine, by name, with the schema of its arguments (they may come over IPC). */
import { z, type ZodType } from 'zod';
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { idSchema, isoDateSchema } from '../../domain/fields.js';
import { searchClientsInput } from '../../domain/clients.js';
import { sheetDraftInput } from '../../domain/sheets.js';
import { suggestDateInput } from '../../domain/orders.js';
import { findWorkshopSettings, listGarmentTypes, listMembers } from './settingsQueries.js';
import { searchClients, clientCard, sheetHistory, sheetDraft } from './clientQueries.js';
import { orderBoard, orderDetail } from './orderQueries.js';
import { dueOrders, readyNotCollected, unpaidBalances, fittingsOfWeek, monthFigures } from './dashboardQueries.js';
import { suggestDateFor } from '../orderPlanning.js';
import { syncStatus } from './syncQueries.js';
import { subscriptionOf } from './subscriptionQueries.js';
import { directoryProfile, portfolio } from './directoryQueries.js';
import { clientMessages, failedMessages, messageTemplates, orderMessages, orderTrackingLink, previewMessage } from './messageQueries.js';
import { EXPORT_QUERIES } from '../../export/exportQueries.js';
import { clientMessagesInput, orderMessagesInput, orderTrackingLinkInput, previewMessageInput } from '../../messaging/messageInputs.js';

export interface QueryDef<A extends ZodType = ZodType, R = unknown> {
  args: A;
  run(ctx: EngineContext, db: SqlExecutor, args: z.output<A>): Promise<R>;
}

function defineQuery<A extends ZodType, R>(def: QueryDef<A, R>): QueryDef<A, R> {
  return def;
}

const none = z.strictObject({}).default({});

export const QUERIES = {
  settings: defineQuery({ args: none, run: (_ctx, db) => findWorkshopSettings(db) }),
  garmentTypes: defineQuery({ args: none, run: (_ctx, db) => listGarmentTypes(db) }),
  members: defineQuery({ args: none, run: (_ctx, db) => listMembers(db) }),
  searchClients: defineQuery({ args: searchClientsInput.default({ query: '', limit: 50, offset: 0 }), run: (_ctx, db, a) => searchClients(db, a) }),
  clientCard: defineQuery({ args: z.strictObject({ id: idSchema }), run: (ctx, db, a) => clientCard(ctx, db, a.id) }),
  sheetHistory: defineQuery({
    args: sheetDraftInput,
    run: (_ctx, db, a) => sheetHistory(db, a.clientId, a.garmentTypeId),
  }),
  sheetDraft: defineQuery({ args: sheetDraftInput, run: (_ctx, db, a) => sheetDraft(db, a.clientId, a.garmentTypeId) }),
  orderBoard: defineQuery({
    args: z.strictObject({ deliveredDays: z.number().int().min(0).max(365).default(7) }).default({ deliveredDays: 7 }),
    run: (ctx, db, a) => orderBoard(ctx, db, a.deliveredDays),
  }),
  orderDetail: defineQuery({ args: z.strictObject({ id: idSchema }), run: (ctx, db, a) => orderDetail(ctx, db, a.id) }),
  suggestPromisedDate: defineQuery({
    args: suggestDateInput,
    async run(ctx, db, a) {
      const garment = a.garmentTypeId ? (await listGarmentTypes(db)).find((g) => g.id === a.garmentTypeId) : undefined;
      return suggestDateFor(ctx, db, a.durationDays ?? garment?.durationDays ?? 7, a.urgency);
    },
  }),
  dueOrders: defineQuery({ args: none, run: (ctx, db) => dueOrders(ctx, db) }),
  readyNotCollected: defineQuery({ args: none, run: (_ctx, db) => readyNotCollected(db) }),
  unpaidBalances: defineQuery({
    args: z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }),
    run: (_ctx, db, a) => unpaidBalances(db, a.limit),
  }),
  fittingsOfWeek: defineQuery({
    args: z.strictObject({ date: isoDateSchema.optional() }).default({}),
    run: (ctx, db, a) => fittingsOfWeek(ctx, db, a.date),
  }),
  monthFigures: defineQuery({
    args: z.strictObject({ date: isoDateSchema.optional() }).default({}),
    run: (ctx, db, a) => monthFigures(ctx, db, a.date),
  }),
  syncStatus: defineQuery({ args: none, run: (ctx, db) => syncStatus(ctx, db) }),
  messageTemplates: defineQuery({ args: none, run: (ctx, db) => messageTemplates(ctx, db) }),
  previewMessage: defineQuery({ args: previewMessageInput, run: (ctx, db, a) => previewMessage(ctx, db, a) }),
  clientMessages: defineQuery({ args: clientMessagesInput, run: (_ctx, db, a) => clientMessages(db, a.clientId, a.limit) }),
  orderMessages: defineQuery({ args: orderMessagesInput, run: (_ctx, db, a) => orderMessages(db, a.orderId) }),
  failedMessages: defineQuery({ args: none, run: (ctx, db) => failedMessages(ctx, db) }),
  orderTrackingLink: defineQuery({ args: orderTrackingLinkInput, run: (ctx, db, a) => orderTrackingLink(ctx, db, a.orderId) }),
  /** The synced subscription row (the banner, the billing screen; offline too). */
  subscription: defineQuery({ args: none, run: (_ctx, db) => subscriptionOf(db) }),
  /** The public profile (or its defaults from the workshop), what it lacks, whether the plan lets it be published. */
  directoryProfile: defineQuery({ args: none, run: (ctx, db) => directoryProfile(db, ctx.locale) }),
  /** The live portfolio photos in order, with their garment type's name, and the plan's {used, limit}. */
  portfolio: defineQuery({ args: none, run: (_ctx, db) => portfolio(db) }),
  // The whole workshop for the owner's export (shared/export): a summary, then pages of each table.
  ...EXPORT_QUERIES,
} as const;
