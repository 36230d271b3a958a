/**
 * The reminder bench's platform: N workshops written straight into the hub's tables in a few
 * set-based statements (what sync would have materialised; the sweep only reads plain rows), with
 * a tailor's proportions: 40 clients and 60 orders each (70 % delivered, 8 % ready, the rest open),
 * a fitting for every order (the delivered ones' in the past, the open ones' over the fortnight
 * around today), deposits and balances, a history of messages, and per workshop the settings of
 * its automatic messages (30 % send the balance reminder, 3 % turned the fitting reminder off).
 * Time zones: 85 % Porto-Novo, then Lagos, Abidjan, Dakar and Lomé (UTC+1 and UTC+0).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CloudDb } from '../cloud/db/client.js';
import { templateRowId } from '../shared/messaging/templates.js';

export interface FixtureSize {
  workshops: number;
  clients: number;
  orders: number;
}

/** The uuid `bench_uid(text)` makes in SQL: md5 with the version 4 and RFC variant digits. */
export function md5Uuid(text: string): string {
  const md5 = createHash('md5').update(text).digest('hex');
  const h = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ZONES = sql`CASE WHEN n % 100 < 85 THEN 'Africa/Porto-Novo' WHEN n % 100 < 90 THEN 'Africa/Lagos' WHEN n % 100 < 94 THEN 'Africa/Abidjan'
  WHEN n % 100 < 97 THEN 'Africa/Dakar' ELSE 'Africa/Lome' END`;

/** An order's status by its place in the workshop (k) and the workshop (n). */
const STATUS = sql`CASE WHEN (k * 37 + n) % 100 < 70 THEN 'delivered' WHEN (k * 37 + n) % 100 < 80 THEN 'in_progress'
  WHEN (k * 37 + n) % 100 < 85 THEN 'fitting' WHEN (k * 37 + n) % 100 < 93 THEN 'ready'
  WHEN (k * 37 + n) % 100 < 98 THEN 'confirmed' ELSE 'cancelled' END`;

export async function writeRemindersFixture(db: CloudDb, size: FixtureSize, now: Date, log: (line: string) => void): Promise<void> {
  const day = (offset: ReturnType<typeof sql>) => sql`to_char((${now.toISOString()}::timestamptz + (${offset}) * interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const step = async (label: string, statement: ReturnType<typeof sql>) => {
    const t0 = performance.now();
    await db.system((tx) => tx.execute(statement));
    log(`    ${label.padEnd(22)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const W = size.workshops;
  // md5 as a well-formed uuid (version 4, RFC variant), as the row schemas want ids.
  await db.system((tx) => tx.execute(sql`CREATE OR REPLACE FUNCTION bench_uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`));
  await step('workshops', sql`INSERT INTO workshop (workshop_id, id, name, phone, city, country, timezone, currency, working_days, closing_days, capacity, unit, created_at, sms_gsm7, balance_reminder_days, last_seq)
    SELECT bench_uid('w' || n), bench_uid('w' || n), 'Atelier Ọlá ' || n, '+22901' || lpad(n::text, 8, '0'), 'Cotonou', 'BJ', ${ZONES}, 'XOF',
      '[1,2,3,4,5,6]'::jsonb, '[]'::jsonb, 15, 'cm', '2026-01-05T08:00:00.000Z', n % 10 <> 0, 3, 1
    FROM generate_series(1, ${W}) n`);
  await step('sync state', sql`INSERT INTO workshop_sync (workshop_id, last_seq, next_device_number) SELECT bench_uid('w' || n), 100000, 1 FROM generate_series(1, ${W}) n`);
  await step('clients', sql`INSERT INTO clients (workshop_id, id, name, phone, whatsapp, email, preferred_channel, created_at, messages_opt_out, deleted_at, last_seq)
    SELECT bench_uid('w' || n), bench_uid('c' || n || '-' || k), 'Cliente ' || k || ' Adjovi', CASE WHEN k % 31 = 0 THEN NULL ELSE '+22901' || lpad(((n * 53 + k) % 100000000)::text, 8, '0') END,
      CASE WHEN k % 10 = 0 THEN '+22996' || lpad(((n * 29 + k) % 1000000)::text, 6, '0') END, NULL, CASE WHEN k % 10 = 0 THEN 'whatsapp' END,
      '2026-02-01T10:00:00.000Z', k % 50 = 0, CASE WHEN k % 97 = 0 THEN '2026-06-01T10:00:00.000Z' END, 1
    FROM generate_series(1, ${W}) n, generate_series(1, ${size.clients}) k`);
  await step('orders', sql`INSERT INTO orders (workshop_id, id, number, client_id, fabric_source, price, urgency, status, promised_date, created_at, deleted_at, closed_at, tracking_token, last_seq)
    SELECT bench_uid('w' || n), bench_uid('o' || n || '-' || k), 'A-' || k, bench_uid('c' || n || '-' || (k % ${size.clients} + 1))::text, 'client',
      15000 + ((n + k) % 10) * 5000, 'normal', s, '2026-11-20', '2026-10-01T09:00:00.000Z', CASE WHEN k % 113 = 0 THEN '2026-10-02T09:00:00.000Z' END,
      CASE WHEN s IN ('delivered', 'cancelled') THEN '2026-10-20T09:00:00.000Z' END, CASE WHEN k % 10 < 7 THEN substr(md5('t' || n || '-' || k), 1, 16) END, 1
    FROM (SELECT n, k, ${STATUS} AS s FROM generate_series(1, ${W}) n, generate_series(1, ${size.orders}) k) o`);
  await step('order events', sql`INSERT INTO order_events (workshop_id, id, order_id, at, type, data, last_seq)
    SELECT o.workshop_id, bench_uid('e' || o.id || '-' || x), o.id::text,
      CASE WHEN x = 0 THEN o.created_at ELSE ${day(sql`-((abs(hashtext(o.id::text)) % 10))`)} END,
      CASE WHEN x = 0 THEN 'created' ELSE 'status' END,
      CASE WHEN x = 0 THEN jsonb_build_object('status', 'confirmed') ELSE jsonb_build_object('from', 'in_progress', 'to', o.status) END, 1
    FROM orders o, generate_series(0, 1) x WHERE x = 0 OR o.status <> 'confirmed'`);
  await step('payments', sql`INSERT INTO payments (workshop_id, id, order_id, amount, method, kind, paid_at, last_seq)
    SELECT o.workshop_id, bench_uid('p' || o.id || '-' || x), o.id::text, CASE WHEN x = 0 THEN o.price * 4 / 10 ELSE o.price * 6 / 10 END,
      'cash', CASE WHEN x = 0 THEN 'deposit' ELSE 'instalment' END, '2026-10-05T09:00:00.000Z', 1
    FROM orders o, generate_series(0, 1) x
    WHERE x = 0 OR o.status = 'delivered' OR (o.status = 'ready' AND abs(hashtext(o.id::text)) % 2 = 0)`);
  await step('fittings', sql`INSERT INTO fittings (workshop_id, id, order_id, at, status, deleted_at, last_seq)
    SELECT o.workshop_id, bench_uid('f' || o.id), o.id::text,
      CASE WHEN o.status IN ('delivered', 'cancelled') THEN '2026-10-10T10:00:00.000Z'
        ELSE ${day(sql`(abs(hashtext(o.id::text)) % 15 - 7) + (abs(hashtext(o.id::text || 'h')) % 9) / 24.0`)} END,
      CASE WHEN o.status IN ('delivered', 'cancelled') THEN 'done' ELSE 'planned' END, CASE WHEN abs(hashtext(o.id::text)) % 40 = 0 THEN '2026-10-01T00:00:00.000Z' END, 1
    FROM orders o`);
  await step('message history', sql`INSERT INTO messages (workshop_id, id, client_id, order_id, channel, "to", body, kind, status, created_at, last_seq)
    SELECT o.workshop_id, bench_uid('m' || o.id), o.client_id, o.id::text, 'sms', '+2290100000000', 'Bonjour, votre commande est prête.', 'order_ready', 'delivered', '2026-10-15T10:00:00.000Z', 1
    FROM orders o WHERE o.status = 'delivered'`);
  const templates: { id: string; workshopId: string; kind: string; channel: string; body: string }[] = [];
  for (let n = 1; n <= W; n++) {
    const workshopId = md5Uuid(`w${n}`);
    if (n % 10 < 3) templates.push({ id: templateRowId(workshopId, 'balance_due'), workshopId, kind: 'balance_due', channel: 'sms', body: 'Bonjour {client}, la commande {numero} vous attend chez {atelier}. Reste à payer : {solde}. {lien}' });
    if (n % 100 === 7 || n % 100 === 57 || n % 100 === 77) templates.push({ id: templateRowId(workshopId, 'fitting_reminder'), workshopId, kind: 'fitting_reminder', channel: 'off', body: 'Rappel {date}' });
  }
  const column = (pick: (t: (typeof templates)[number]) => string) => templates.map(pick).join('\u001f');
  await step('templates', sql`INSERT INTO message_templates (workshop_id, id, kind, channel, body, last_seq)
    SELECT w::uuid, i::uuid, k, c, b, 1 FROM unnest(string_to_array(${column((t) => t.workshopId)}, E'\\x1f'), string_to_array(${column((t) => t.id)}, E'\\x1f'),
      string_to_array(${column((t) => t.kind)}, E'\\x1f'), string_to_array(${column((t) => t.channel)}, E'\\x1f'), string_to_array(${column((t) => t.body)}, E'\\x1f')) AS t(w, i, k, c, b)`);
  await step('analyze', sql`ANALYZE`);
}
