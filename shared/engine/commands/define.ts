/**
 * A command: a zod input schema, the permission it needs from the role table, and the work it
 * does inside ONE transaction. The engine runs every command the same way (see engine.ts).
 */
import type { z, ZodType } from 'zod';
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import type { Action } from '../../domain/roles.js';
import type { SyncedTableName } from '../../domain/tables.js';

export interface CommandDef<I extends ZodType = ZodType, R = unknown> {
  input: I;
  /** The role-table permission checked before anything runs. */
  permission: { table: SyncedTableName; action: Action };
  /** True for the one command that creates the workshop itself. */
  allowBeforeSetup?: boolean;
  run(ctx: EngineContext, tx: SqlExecutor, input: z.output<I>): Promise<R>;
}

export function defineCommand<I extends ZodType, R>(def: CommandDef<I, R>): CommandDef<I, R> {
  return def;
}
