/**
 * Test support: speaking the sync protocol by hand (no engine), to push crafted mutations and to
 * follow a cursor chain page by page, as DESIGN.md's "Sync protocol" section describes it.
 */
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/schemaEvolution.js';
import { randomBytes } from 'node:crypto';
import { HybridClock } from '../../shared/sync/hlc.js';
import { newId } from '../../shared/domain/ids.js';
import { PROTOCOL_VERSION, syncResponseSchema, type Change, type Mutation, type SyncResponse } from '../../shared/sync/protocol.js';
import type { SyncedTableName } from '../../shared/domain/tables.js';

export interface RawAnswer {
  status: number;
  json: unknown;
}

export async function postSync(
  baseUrl: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const response = await fetch(`${baseUrl}/api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** A 200 answer, parsed with the protocol's schema (throws with the body otherwise). */
export function syncAnswer(answer: RawAnswer): SyncResponse {
  if (answer.status !== 200) throw new Error(`sync answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return syncResponseSchema.parse(answer.json);
}

/** One device speaking the protocol: its id, its clock, its cursor. */
export class RawDevice {
  readonly clock = new HybridClock(randomBytes(8).toString('hex'));
  cursor = '0';
  /** The synced schema it speaks (today's); undefined: a first-release device, which sends none. */
  schema: number | undefined = SYNC_SCHEMA_VERSION;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    /** Another RawDevice's id: the same (registered) device following a second cursor chain. */
    readonly deviceId: string = newId(),
  ) {}

  mutation(table: SyncedTableName, rowId: string, fields: Record<string, unknown>, hlc = this.clock.now()): Mutation & { table: SyncedTableName } {
    return { id: newId(), table, rowId, hlc, fields };
  }

  body(mutations: Mutation[], cursor = this.cursor): Record<string, unknown> {
    return { protocol: PROTOCOL_VERSION, deviceId: this.deviceId, cursor, mutations, ...(this.schema === undefined ? {} : { schema: this.schema }) };
  }

  post(mutations: Mutation[], cursor = this.cursor, headers: Record<string, string> = {}): Promise<RawAnswer> {
    return postSync(this.baseUrl, this.token, this.body(mutations, cursor), headers);
  }

  /** Push (and pull one page), following the cursor. */
  async sync(mutations: Mutation[] = []): Promise<SyncResponse> {
    const answer = syncAnswer(await this.post(mutations));
    this.cursor = answer.cursor;
    return answer;
  }
}

/** A device registered and at the head of its workshop (it follows `more` for a few pages). */
export async function deviceAtHead(baseUrl: string, token: string, deviceId?: string): Promise<RawDevice> {
  const device = new RawDevice(baseUrl, token, deviceId);
  for (let i = 0; i < 5; i++) if (!(await device.sync()).more) break;
  return device;
}

export function clientRow(name: string, at = new Date()): Record<string, unknown> {
  return {
    name,
    phone: null,
    whatsapp: null,
    email: null,
    gender: null,
    notes: null,
    preferredChannel: null,
    createdAt: at.toISOString(),
    deletedAt: null,
  };
}

export function orderRow(clientId: string, number: string, price: number, at = new Date()): Record<string, unknown> {
  return {
    number,
    clientId,
    garmentTypeId: null,
    description: null,
    fabricSource: 'client',
    fabricPagnes: null,
    fabricPhoto: null,
    modelPhoto: null,
    measurements: null,
    price,
    urgency: 'normal',
    status: 'confirmed',
    assignedTo: null,
    promisedDate: new Date(at.getTime() + 7 * 86_400_000).toISOString().slice(0, 10),
    internalNote: null,
    createdAt: at.toISOString(),
    createdBy: null,
    deletedAt: null,
    closedAt: null,
  };
}

export function paymentRow(orderId: string, amount: number, at = new Date()): Record<string, unknown> {
  return { orderId, amount, method: 'cash', kind: 'deposit', reverses: null, paidAt: at.toISOString(), note: null, recordedBy: null };
}

/** What a cursor chain has received, merged per field by clock (last writer wins). */
export class ChainState {
  readonly rows = new Map<string, Map<string, { value: unknown; hlc: string }>>();
  pages = 0;

  apply(changes: readonly Change[]): void {
    this.pages += 1;
    for (const change of changes) {
      const key = `${change.table}/${change.rowId}`;
      const row = this.rows.get(key) ?? new Map<string, { value: unknown; hlc: string }>();
      for (const [field, value] of Object.entries(change.fields)) {
        const known = row.get(field);
        if (!known || change.hlc > known.hlc) row.set(field, { value, hlc: change.hlc });
      }
      this.rows.set(key, row);
    }
  }
}
