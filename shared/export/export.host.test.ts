/**
 * The owner's export through the desktop host, under Node: a real HostService over the desktop's
 * ports (the workshop on a SQLite file, photos on disk) signed up against a real cloud (so the
 * trial `subscription` row arrives by sync), filled offline with clients (Fon and Yoruba letters,
 * emoji, names that look like spreadsheet formulas), orders with photos, payments and a reversal,
 * fittings, messages — then exported with the network down. The ZIP is opened with yauzl and
 * every row of every table in the SQLite file is found in its JSON and its CSV.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { HostService } from '../host/hostService.js';
import type { HostEvent } from '../host/channels.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { createNodePorts, workshopPath } from '../../desktop/main/nodePorts.js';
import { createLeanFetch } from '../../desktop/main/leanFetch.js';
import { aesEncryptor } from '../../desktop/main/testing.js';
import { SYNCED_TABLE_NAMES } from '../domain/tables.js';
import { TABLE_META } from '../engine/tableMeta.js';
import { exportFields } from './exportQueries.js';
import { HEADER_TEXTS, headerOf } from './headers.js';
import { readExport, type ReadExport } from './exportCheck.testing.js';
import { localInstant } from './localTime.js';
import { readZip } from './zipReader.testing.js';

const dir = tempDir('styliste-export-host-');
const key = aesEncryptor();
const lean = createLeanFetch();
let server: TestServer;
let network: 'up' | 'down' = 'up';
const netFetch: typeof fetch = async (input, init) => {
  if (network === 'down') throw new TypeError('fetch failed');
  return lean(input, init);
};

function host(name: string) {
  const events: HostEvent[] = [];
  const dataDir = join(dir.dir, name);
  mkdirSync(dataDir, { recursive: true });
  const ports = createNodePorts({ dataDir, serverUrl: server.url, deviceName: 'PC', encryptor: key, emit: (e) => events.push(e), fetch: netFetch, log: () => undefined });
  return { service: new HostService(ports), events, dataDir };
}

const execute = (service: HostService, name: string, input: unknown) => service.handle('engine.execute', { name, input }) as Promise<Record<string, unknown>>;

const NAMES = [
  'Ɖɔ̀kpɛ́ Gbɛ̀hanzin', // Fon
  'Adéṣọlá Ọlálékan 👗✂️', // Yoruba, emoji
  'Aïcha « la reine » Dossou; "Tata"',
  '=HYPERLINK("http://mal.example/x","Cliquez")',
  '+229 formule',
  '-2+3',
  '@SOMME(A1:A9)',
  'Zoé 👩🏾‍🦱 Agbodjan',
];

let owner: ReturnType<typeof host>;
let staff: ReturnType<typeof host>;
let workshopId: string;
let exported: ReadExport;
let result: { fileName: string; rows: number; photos: number; missingPhotos: number; bytes: Uint8Array };
const photoHashes: string[] = [];
const missingHash = 'ab'.repeat(32);

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: join(dir.dir, 'cloud') });
}, 60_000);

afterAll(async () => {
  lean.close();
  await server?.close();
  dir.cleanup();
});

describe('export through the desktop host', () => {
  it('signs up the owner and a staff member (online), then fills the workshop offline', async () => {
    owner = host('owner');
    await owner.service.init();
    const session = await owner.service.handle('session.signup', { workshopName: 'Atelier Ẹ̀wà Chez Aïcha', ownerName: 'Aïcha Dossou', phone: '01 97 41 00 01', password: 'un-mot-de-passe-2026' });
    workshopId = session.workshop.id;
    const invite = await owner.service.handle('team.invite', { phone: '01 97 41 00 02', name: 'Rachidi', role: 'staff' });
    staff = host('staff');
    await staff.service.init();
    await staff.service.handle('session.acceptInvite', { code: invite.code, phone: '01 97 41 00 02', password: 'mot-de-passe-rachidi', name: 'Rachidi' });

    network = 'down';
    await execute(owner.service, 'updateSettings', { city: 'Porto-Novo' });
    const { id: garmentTypeId } = await execute(owner.service, 'createGarmentType', { name: 'Boubou brodé', durationDays: 7, defaultPrice: 25_000 });
    for (const [i, color] of [[0, '#c0392b'], [1, '#2e86c1']] as const) {
      const bytes = new Uint8Array(await sharp({ create: { width: 40 + i, height: 30, channels: 3, background: color } }).webp().toBuffer());
      photoHashes.push((await owner.service.handle('files.put', { bytes, kind: 'fabric' })).hash);
    }
    const clientIds: string[] = [];
    for (const name of NAMES) clientIds.push(String((await execute(owner.service, 'createClient', { name, phone: `01 97 42 ${String(clientIds.length).padStart(2, '0')} 00`, notes: 'Ligne 1\nLigne 2 ; « guillemets » "doubles"' })).id));
    // Enough clients for several pages (500 rows a page).
    for (let i = 0; i < 1_100; i++) clientIds.push(String((await execute(owner.service, 'createClient', { name: `Client ${i} Hounkpè` })).id));
    await execute(owner.service, 'recordMeasurements', { clientId: clientIds[0], values: { tour_taille: 80.5, longueur: 120 }, note: 'Prise à la boutique' });
    const first = await execute(owner.service, 'createOrder', {
      clientId: clientIds[0], garmentTypeId, price: 35_000, deposit: { amount: 10_000, method: 'mobile_money' }, fabricPhoto: photoHashes[0], modelPhoto: missingHash, description: 'Grand boubou 👑',
    });
    const second = await execute(owner.service, 'createOrder', { clientId: clientIds[3], price: 12_500, modelPhoto: photoHashes[1], fabricPagnes: 1.5 });
    const pay = await execute(owner.service, 'recordPayment', { orderId: first.id, amount: 5_000, method: 'cash' });
    await execute(owner.service, 'reversePayment', { paymentId: pay.id });
    await execute(owner.service, 'recordPayment', { orderId: second.id, amount: 12_500 });
    await execute(owner.service, 'scheduleFitting', { orderId: first.id, at: '2026-12-05T14:30:00Z', note: 'Apporter le pagne' });
    await execute(owner.service, 'changeOrderStatus', { id: first.id, status: 'in_progress' });
    await execute(owner.service, 'sendMessage', { clientId: clientIds[3], orderId: second.id, channel: 'sms', body: 'Bonjour {client}, votre commande {numero} avance bien.' });
    await execute(owner.service, 'deleteClient', { id: clientIds[7] });
  }, 120_000);

  it('exports everything offline, with progress events up to the total', async () => {
    owner.events.length = 0;
    const started = Date.now();
    result = await owner.service.handle('export.workshop', {});
    const took = Date.now() - started;
    expect(result.fileName).toMatch(/^styliste-atelier-ewa-chez-aicha-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(result.photos).toBe(2);
    expect(result.missingPhotos).toBe(1);
    const progress = owner.events.filter((e): e is Extract<HostEvent, { type: 'export' }> => e.type === 'export');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    expect(progress.some((p) => p.phase === 'photos')).toBe(true);
    exported = await readExport(result.bytes);
    console.log(`export: ${result.rows} rows, ${result.bytes.length} bytes, ${took} ms`);
  }, 60_000);

  it('every row of every table of the SQLite file is in the JSON and the CSV, values as the app knows them', () => {
    const db = new Database(workshopPath(owner.dataDir, workshopId), { readonly: true });
    try {
      let total = 0;
      for (const table of SYNCED_TABLE_NAMES) {
        const fields = exportFields(table);
        const rows = db.prepare(`SELECT * FROM ${TABLE_META[table].sql} ORDER BY id`).all() as Record<string, unknown>[];
        const { json, csv } = exported.tables[table];
        expect(json.map((r) => r.id), table).toEqual(rows.map((r) => r.id));
        total += rows.length;
        rows.forEach((row, i) => {
          for (const f of fields) {
            const stored = row[f.column] ?? null;
            const value = json[i]![f.field];
            const cell = csv[i]![f.field];
            if (stored === null) {
              expect(value, `${table}.${f.field}`).toBeNull();
              expect(cell).toBe('');
            } else if (f.stored === 'json') {
              expect(value).toEqual(JSON.parse(String(stored)));
              expect(JSON.parse(cell!)).toEqual(value);
            } else if (f.stored === 'boolean') {
              expect(value).toBe(stored === 1);
              expect(cell).toBe(stored === 1 ? 'oui' : 'non');
            } else if (f.stored === 'number') {
              expect(value).toBe(stored);
              expect(cell).toBe(String(stored).replace('.', ','));
            } else if (typeof stored === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(stored)) {
              // An instant: in the workshop's zone (Africa/Porto-Novo, UTC+01:00), the same moment.
              expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
              expect(Math.floor(Date.parse(String(value)) / 1000)).toBe(Math.floor(Date.parse(stored) / 1000));
              expect(cell).toBe(String(value).slice(0, 19).replace('T', ' '));
            } else {
              expect(value, `${table}.${f.field}`).toBe(stored);
              expect(cell === stored || cell === `'${stored}`, `${table}.${f.field} csv`).toBe(true);
            }
          }
        });
      }
      expect(total).toBe(result.rows);
    } finally {
      db.close();
    }
  });

  it('has the subscription synced from the hub, Unicode intact, formulas guarded, French headers, Porto-Novo times', () => {
    const { tables } = exported;
    expect(tables.subscription.json).toHaveLength(1);
    expect(tables.subscription.json[0]).toMatchObject({ id: workshopId, status: 'trial' });
    expect(tables.workshop.json[0]).toMatchObject({ name: 'Atelier Ẹ̀wà Chez Aïcha', timezone: 'Africa/Porto-Novo', city: 'Porto-Novo' });
    for (const name of NAMES) {
      expect(tables.clients.json.some((c) => c.name === name), name).toBe(true);
      const guarded = /^[=+\-@]/.test(name) ? `'${name}` : name;
      expect(tables.clients.csv.some((c) => c.name === guarded), name).toBe(true);
    }
    expect(tables.clients.json.find((c) => c.name === NAMES[7])!.deletedAt).not.toBeNull();
    const csvText = exported.entries.get('clients.csv')!.toString('utf8');
    expect(csvText.split('\r\n')[0]).toBe('\uFEFF' + exportFields('clients').map((f) => headerOf('clients', f.field, 'fr')).join(';'));
    expect(csvText).toContain(`"'=HYPERLINK(""http://mal.example/x"",""Cliquez"")"`);
    expect(csvText).not.toMatch(/(^|;)=HYPERLINK/m);
    const fitting = tables.fittings.json[0]!;
    expect(fitting.at).toBe('2026-12-05T15:30:00+01:00');
    expect(tables.fittings.csv[0]!.at).toBe('2026-12-05 15:30:00');
    expect(headerOf('fittings', 'at', 'fr')).toBe('Essayage le');
    expect(tables.payments.json.map((p) => p.amount).sort()).toEqual([-5_000, 10_000, 12_500, 5_000].sort());
    expect(tables.orders.json.map((o) => o.price).sort()).toEqual([12_500, 35_000]);
    expect(tables.orders.json.find((o) => o.price === 12_500)!.fabricPagnes).toBe(1.5);
    expect(tables.orders.csv.find((o) => o.price === '12500')!.fabricPagnes).toBe('1,5');
    expect(tables.messages.json).toHaveLength(1);
    expect(tables.measurement_sheets.json[0]!.values).toEqual({ tour_taille: 80.5, longueur: 120 });
  });

  it('carries the photos found on this device and lists the missing one in the README', () => {
    for (const hash of photoHashes) {
      const photo = exported.entries.get(`photos/${hash}.webp`);
      expect(photo, hash).toBeDefined();
      expect(photo!.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
    expect([...exported.entries.keys()].some((k) => k.includes(missingHash))).toBe(false);
    expect(exported.readme).toContain('Export complet de l’atelier « Atelier Ẹ̀wà Chez Aïcha »');
    expect(exported.readme).toContain('Africa/Porto-Novo (UTC+01:00)');
    expect(exported.readme).toContain(`Photos absentes de cet appareil (1)`);
    expect(exported.readme).toContain(`- ${missingHash}`);
    expect(exported.readme).toContain('- clients.json et clients.csv — les clients : 1108 ligne(s)');
    expect(exported.readme).toContain('clôturée depuis plus de 30 jours');
  });

  it('refuses a staff member in French, and the engine queries refuse them too', async () => {
    await expect(staff.service.handle('export.workshop', {})).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Seul le propriétaire de l’atelier peut exporter toutes les données (votre rôle : Employé).',
    });
    await expect(staff.service.handle('engine.query', { name: 'exportPage', args: { table: 'clients' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(staff.service.handle('engine.query', { name: 'exportSummary' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('runs one export at a time, and speaks the app’s language', async () => {
    const both = await Promise.allSettled([owner.service.handle('export.workshop', {}), owner.service.handle('export.workshop', {})]);
    expect(both[0].status).toBe('fulfilled');
    expect(both[1]).toMatchObject({ status: 'rejected', reason: { message: 'Un export est déjà en cours : attendez qu’il se termine.' } });
    await owner.service.handle('app.setLocale', { locale: 'en' });
    try {
      const entries = await readZip((await owner.service.handle('export.workshop', {})).bytes);
      expect(entries.get('clients.csv')!.toString('utf8').split('\r\n')[0]).toBe('\uFEFF' + exportFields('clients').map((f) => headerOf('clients', f.field, 'en')).join(';'));
      expect(entries.get('README.txt')!.toString('utf8')).toContain('Full export of the workshop “Atelier Ẹ̀wà Chez Aïcha”');
    } finally {
      await owner.service.handle('app.setLocale', { locale: 'fr' });
    }
  });

  it('refuses hostile payloads and page arguments', async () => {
    await expect(owner.service.handle('export.workshop', { table: 'meta' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(owner.service.handle('export.workshop', 'x\u0000')).rejects.toMatchObject({ code: 'invalid_input' });
    for (const args of [{ table: 'meta' }, { table: 'outbox' }, { table: 'clients; DROP TABLE clients' }, { table: 'clients', limit: 1e9 }, { table: 'clients', after: 'x'.repeat(500) }, { table: 'clients', extra: 1 }]) {
      await expect(owner.service.handle('engine.query', { name: 'exportPage', args }), JSON.stringify(args).slice(0, 60)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    // A lone surrogate as the keyset cursor is only a string to compare with: no row, no harm.
    const page = (await owner.service.handle('engine.query', { name: 'exportPage', args: { table: 'clients', after: '\uD800', limit: 5 } })) as { rows: unknown[] };
    expect(page.rows).toEqual([]);
  });

  it('has a French and an English header for every field of every table', () => {
    for (const table of SYNCED_TABLE_NAMES) {
      for (const f of exportFields(table)) {
        expect(headerOf(table, f.field, 'fr'), `${table}.${f.field}`).toBeTruthy();
        expect(headerOf(table, f.field, 'en'), `${table}.${f.field}`).toBeTruthy();
      }
    }
    expect(Object.keys(HEADER_TEXTS.en).sort()).toEqual(Object.keys(HEADER_TEXTS.fr).sort());
    expect(localInstant('2026-03-29T00:30:00Z', 'Europe/Paris')?.iso).toBe('2026-03-29T01:30:00+01:00');
    expect(localInstant('2026-03-29T01:30:00Z', 'Europe/Paris')?.iso).toBe('2026-03-29T03:30:00+02:00');
    expect(localInstant('pas une date', 'Africa/Porto-Novo')).toBeNull();
  });
});
