/**
 * The admin dashboard benchmark's platform (issue 12 "Figures"), written in bulk with
 * generate_series straight into the rows signup, sync, billing, dispatch and the directory leave:
 * N workshops created over two years (the `workshop` mirror row with its clocks, `workshop_sync`,
 * a subscription of every status, plan and cycle, one or two devices seen over 90 days), the
 * messages over 60 days (mirror rows with body and clocks, every status), the payments over 18
 * months, the credit ledger (a grant per workshop, a cost per sent message, pack purchases),
 * directory listings (published, listed, hidden or not) and reports. Ids are md5-derived uuids so
 * rows refer to each other; random() is seeded, so two runs seed the same platform.
 * Then VACUUM ANALYZE on Postgres, as autovacuum leaves a settled database (ANALYZE only on PGlite).
 */
import { sql } from 'drizzle-orm';
import type { CloudDb } from '../cloud/db/client.js';

export interface SeedSize {
  workshops: number;
  messages: number;
  payments: number;
}

export interface SeedSummary {
  rows: Record<string, number>;
  ms: number;
}

/** ISO text of a timestamptz expression, as `toISOString()` writes it. */
const iso = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const wid = (expr: string) => `md5('w' || (${expr}))::uuid`;
const CLOCK = `'0000001234567:0000:0a1b2c3d4e5f6a7b'`;

export async function seedDashboard(db: CloudDb, size: SeedSize, now: Date): Promise<SeedSummary> {
  const started = performance.now();
  const at = now.toISOString();
  const n = size.workshops;
  const statements = [
    `INSERT INTO workshop (workshop_id, id, name, phone, city, country, timezone, currency, working_days, closing_days, capacity, unit, created_at, clocks, seqs, last_seq)
       SELECT ${wid('i')}, ${wid('i')}, 'Atelier ' || i, '+22901' || lpad(i::text, 8, '0'), 'Cotonou', 'BJ', 'Africa/Porto-Novo', 'XOF', '[1,2,3,4,5,6]', '[]', 15, 'cm',
              ${iso(`'${at}'::timestamptz - random() * interval '730 days'`)},
              jsonb_build_object('name', ${CLOCK}, 'phone', ${CLOCK}, 'city', ${CLOCK}, 'country', ${CLOCK}, 'timezone', ${CLOCK}, 'currency', ${CLOCK}, 'workingDays', ${CLOCK},
                                 'closingDays', ${CLOCK}, 'capacity', ${CLOCK}, 'unit', ${CLOCK}, 'createdAt', ${CLOCK}),
              jsonb_build_object('name', 1, 'phone', 1, 'city', 1, 'country', 1, 'timezone', 1, 'currency', 1, 'workingDays', 1, 'closingDays', 1, 'capacity', 1, 'unit', 1, 'createdAt', 1), 1
         FROM generate_series(1, ${n}) AS i`,
    `INSERT INTO workshop_sync (workshop_id, last_seq, next_device_number) SELECT ${wid('i')}, 40 + i % 5000, 2 FROM generate_series(1, ${n}) AS i`,
    // Status by i % 20: 15 % trial, 55 % active, 10 % past due, 10 % suspended, 10 % cancelled; plan by (i / 20) % 4; a third yearly.
    `INSERT INTO subscriptions (workshop_id, status, plan_id, cycle, trial_ends_at, period_start, current_period_end, next_check_at, updated_at)
       SELECT ${wid('i')},
              CASE WHEN i % 20 < 3 THEN 'trial' WHEN i % 20 < 14 THEN 'active' WHEN i % 20 < 16 THEN 'past_due' WHEN i % 20 < 18 THEN 'suspended' ELSE 'cancelled' END,
              CASE WHEN i % 20 < 3 THEN 'atelier' ELSE (ARRAY['gratuit', 'solo', 'atelier', 'maison'])[1 + (i / 20) % 4] END,
              CASE WHEN i % 20 < 3 OR (i / 20) % 4 = 0 THEN NULL WHEN i % 3 = 0 THEN 'yearly' ELSE 'monthly' END,
              '${at}'::timestamptz + interval '7 days', '${at}'::timestamptz - interval '10 days', '${at}'::timestamptz + interval '20 days', '${at}'::timestamptz + interval '1 day', '${at}'::timestamptz
         FROM generate_series(1, ${n}) AS i`,
    `INSERT INTO devices (id, workshop_id, member_id, user_id, name, code, created_at, last_seen_at)
       SELECT md5('d' || i || '-' || k)::uuid, ${wid('i')}, md5('m' || i)::uuid, md5('u' || i)::uuid, 'PC ' || k, 'D' || k, '${at}'::timestamptz - interval '400 days',
              '${at}'::timestamptz - random() * interval '90 days'
         FROM generate_series(1, ${n}) AS i, generate_series(1, 2) AS k WHERE k = 1 OR i % 3 = 0`,
    // 78 % delivered or sent, 8 % failed, the rest queued, sending or cancelled.
    `INSERT INTO messages (workshop_id, id, client_id, order_id, channel, "to", body, kind, status, created_at, created_by, provider_id, segments, credits, sent_at, clocks, seqs, last_seq)
       SELECT ${wid(`1 + i % ${n}`)}, md5('msg' || i)::uuid, md5('c' || (i % 50000))::uuid, md5('o' || (i % 80000))::uuid,
              CASE WHEN i % 10 = 0 THEN 'whatsapp' ELSE 'sms' END, '+22997' || lpad((i % 1000000)::text, 6, '0'),
              'Bonjour, votre commande n° ' || i || ' est prête. Suivi : https://styliste.example/t/abcdefghijklmnop — Atelier',
              (ARRAY['order_ready', 'fitting_reminder', 'balance_due', 'custom'])[1 + i % 4],
              (ARRAY['delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'sent', 'sent', 'sent', 'sent', 'failed', 'queued', 'cancelled'])[1 + i % 14],
              ${iso(`'${at}'::timestamptz - random() * interval '60 days'`)}, md5('m' || (i % ${n}))::uuid::text, 'ATPid_' || i, 1, 1, NULL,
              jsonb_build_object('clientId', ${CLOCK}, 'orderId', ${CLOCK}, 'channel', ${CLOCK}, 'to', ${CLOCK}, 'body', ${CLOCK}, 'kind', ${CLOCK}, 'status', ${CLOCK}, 'createdAt', ${CLOCK},
                                 'createdBy', ${CLOCK}, 'providerId', ${CLOCK}, 'segments', ${CLOCK}, 'credits', ${CLOCK}, 'sentAt', ${CLOCK}),
              jsonb_build_object('clientId', 1, 'orderId', 1, 'channel', 1, 'to', 1, 'body', 1, 'kind', 1, 'status', 3, 'createdAt', 1, 'createdBy', 1, 'providerId', 2, 'segments', 2, 'credits', 2, 'sentAt', 2), 3
         FROM generate_series(1, ${size.messages}) AS i`,
    `INSERT INTO billing_payments (id, workshop_id, checkout_id, transaction_id, receipt_number, kind, plan_id, cycle, pack_id, credits, amount, period_end, method, paid_at)
       SELECT md5('p' || i)::uuid, ${wid(`1 + i % ${n}`)}, md5('k' || i)::uuid, 'fedapay-' || i, i,
              CASE WHEN i % 5 = 0 THEN 'pack' ELSE 'plan' END, CASE WHEN i % 5 = 0 THEN NULL ELSE (ARRAY['solo', 'atelier', 'maison'])[1 + i % 3] END,
              CASE WHEN i % 5 = 0 THEN NULL ELSE 'monthly' END, CASE WHEN i % 5 = 0 THEN 'sms-500' ELSE NULL END, CASE WHEN i % 5 = 0 THEN 500 ELSE NULL END,
              (ARRAY[2500, 6000, 15000, 9000, 25000])[1 + i % 5], NULL, 'mtn_open', '${at}'::timestamptz - random() * interval '540 days'
         FROM generate_series(1, ${size.payments}) AS i`,
    `INSERT INTO credit_ledger (workshop_id, kind, amount, reference, grant_key, created_at)
       SELECT ${wid('i')}, 'grant', 50, 'essai', 'trial', '${at}'::timestamptz - random() * interval '730 days' FROM generate_series(1, ${n}) AS i`,
    `INSERT INTO credit_ledger (workshop_id, kind, amount, message_id, reference, created_at)
       SELECT ${wid(`1 + i % ${n}`)}, 'message', -1, md5('msg' || i)::uuid, 'sms', '${at}'::timestamptz - random() * interval '60 days'
         FROM generate_series(1, ${size.messages}) AS i WHERE i % 14 < 11`,
    `INSERT INTO credit_ledger (workshop_id, kind, amount, reference, grant_key, created_at)
       SELECT ${wid(`1 + (i * 5) % ${n}`)}, 'purchase', 500, 'sms-500', 'payment:fedapay-' || (i * 5), '${at}'::timestamptz - random() * interval '540 days'
         FROM generate_series(1, ${Math.floor(size.payments / 5)}) AS i`,
    // Three workshops in five have a profile: 80 % published, 85 % listed by their plan, 2 % hidden.
    `INSERT INTO directory_listings (workshop_id, slug, name, city, city_slug, lat, lng, specialties, published, listed, search_text, hidden_at)
       SELECT ${wid('i')}, 'atelier-' || i, 'Atelier ' || i, 'Cotonou', 'cotonou', 6.37 + (i % 100) / 1000.0, 2.39 + (i % 77) / 1000.0, ARRAY['femme'],
              i % 5 <> 0, i % 20 < 17, 'atelier ' || i, CASE WHEN i % 50 = 7 THEN '${at}'::timestamptz - interval '3 days' END
         FROM generate_series(1, ${n}) AS i WHERE i % 5 < 3`,
    `INSERT INTO directory_reports (id, workshop_id, reason, visitor_hash, status, created_at, resolved_at)
       SELECT md5('r' || i)::uuid, ${wid(`1 + (i * 7) % ${n}`)}, 'spam', md5('v' || i), CASE WHEN i % 5 = 0 THEN 'pending' ELSE 'resolved' END,
              '${at}'::timestamptz - random() * interval '300 days', CASE WHEN i % 5 = 0 THEN NULL ELSE '${at}'::timestamptz - interval '1 day' END
         FROM generate_series(1, ${Math.max(10, Math.floor(n / 7))}) AS i`,
  ];
  await db.system(async (tx) => {
    await tx.execute(sql`SELECT setseed(0.42)`);
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
  const tables = ['workshop', 'workshop_sync', 'subscriptions', 'devices', 'messages', 'billing_payments', 'credit_ledger', 'directory_listings', 'directory_reports'];
  const rows: Record<string, number> = {};
  for (const table of tables) {
    // PGlite runs a text without parameters inside a transaction, where VACUUM may not run: ANALYZE only there.
    await db.executeSql(`${db.kind === 'postgres' ? 'VACUUM ' : ''}ANALYZE ${table}`);
    rows[table] = Number((await db.executeSql(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  }
  return { rows, ms: performance.now() - started };
}
