/**
 * A realistic, reproducible workshop for benchmarks and tests: clients with Béninese names and
 * phone numbers, measurement sheets, 18 months of orders (mostly delivered, a few hundred still
 * open around today), deposits, instalments and reversals, fittings. Everything is written
 * through `engine.execute` (the one mutation path: rows, per-field clocks, outbox), in
 * chronological order with a controllable clock so that createdAt, paidAt and the HLCs lie in
 * the past. Only durability is relaxed while generating (`synchronous = OFF`), then restored.
 */
import { openBetterSqlite } from '../desktop/sqlite/betterSqliteAdapter.js';
import { testClock } from '../desktop/sqlite/testing.js';
import { Engine, type CommandInput, type CommandName, type CommandResult } from '../shared/engine/engine.js';
import { addDays, startOfWeek } from '../shared/domain/calendar.js';
import type { OrderStatus } from '../shared/domain/orderStatus.js';
import type { PaymentMethod } from '../shared/domain/payments.js';
import { planWorkshop, type ClientPlan, type OrderPlan, type Garment, type Rng } from './workshopPlan.js';

export { mulberry32 } from './workshopPlan.js';
