/**
 * A realistic, reproducible workshop for benchmarks and tests: clients with Béninese names and
 * phone numbers, measurement sheets, 18 months of orders (mostly delivered, a few hundred still
 * open around today), deposits, instalments and reversals, fittings. Everything is written
 * through `engine.execute` (the one mutation path: rows, per-field clocks, outbox), in
 * chronological order under a controllable clock, so createdAt, paidAt and the HLCs lie in the
 * past. Only durability is relaxed while generating (`synchronous = OFF`), then restored.
 *
 * Same seed, same options → same workshop (names, amounts, dates); only the ids differ.
 */
import { openBetterSqlite } from '../desktop/sqlite/betterSqliteAdapter.js';
import { testClock } from '../desktop/sqlite/testing.js';
import { Engine, type CommandInput, type CommandName, type CommandResult } from '../shared/engine/engine.js';
import { addDays, startOfWeek } from '../shared/domain/calendar.js';
import { DEFAULT_GARMENT_TYPES } from '../shared/domain/measurements.js';
import type { OrderStatus } from '../shared/domain/orderStatus.js';
import type { PaymentMethod } from '../shared/domain/payments.js';

export interface GenerateOptions {
  clients?: number;
  sheetsPerClient?: number;
  orders?: number;
  payments?: number;
  seed?: number;
  /** "Today" of the workshop; fixed by default so that the data is reproducible. */
  now?: Date;
  /** Progress lines (e.g. console.log); silent by default. */
  log?: (line: string) => void;
}

export interface GenerationStats {
  seed: number;
  now: string;
  today: string;
  planned: { clients: number; sheets: number; orders: number; payments: number; reversals: number; fittings: number };
  ordersByStatus: Record<string, number>;
  commands: { total: number; byName: Record<string, { count: number; totalMs: number }> };
  generationMs: number;
}

/** Wednesday 25 November 2026, 10:00 in Cotonou. */
export const DEFAULT_NOW = new Date('2026-11-25T09:00:00.000Z');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Bénin is UTC+1 all year (no daylight saving). */
const TZ_OFFSET = HOUR;

// ---------------------------------------------------------------- seeded randomness

export { mulberry32 } from '../cloud/testing/random.js';
import { mulberry32 } from '../cloud/testing/random.js';

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(a = 0, b = 1): number {
    return a + (b - a) * this.next();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1]![0];
  }
}

// ---------------------------------------------------------------- vocabulary

const FIRST_F = ['Aïcha', 'Akpéné', 'Sènan', 'Afiavi', 'Ayaba', 'Nafissatou', 'Chimène', 'Rosine', 'Mireille', 'Fifamè', 'Gisèle', 'Bernadette', 'Yétondé', 'Houéfa', 'Adjoa', 'Amivi', 'Estelle', 'Prudence', 'Bénédicte', 'Solange', 'Clarisse', 'Fatoumata', 'Mariam', 'Edwige', 'Reine', 'Pélagie', 'Hortense', 'Nadège', 'Élodie', 'Sika'];
const FIRST_M = ['Koffi', 'Kossi', 'Komlan', 'Sèna', 'Codjo', 'Dossa', 'Mahougnon', 'Rodrigue', 'Ulrich', 'Arnaud', 'Romaric', 'Gildas', 'Éric', 'Serge', 'Hervé', 'Brice', 'Fiacre', 'Modeste', 'Jean-Baptiste', 'Innocent', 'Wilfried', 'Abdou', 'Moussa', 'Ismaël', 'Boris', 'Landry', 'Fabrice', 'Ézéchiel', 'Théophile', 'Crépin'];
const LAST = ['Dossou', 'Houngbédji', 'Adjovi', 'Agossou', 'Hounkpatin', 'Zinsou', 'Ahouandjinou', 'Gbaguidi', 'Kpadonou', 'Sossou', 'Akplogan', 'Dégbé', 'Azonhiho', 'Tchibozo', 'Houénou', 'Quenum', 'Adékambi', 'Ogouyemi', 'Chabi', 'Bio', 'Soglo', 'Tossou', 'Ahissou', 'Agbo', 'Hounsou', 'Assogba', 'Akakpo', 'Fagla', 'Lokossou', 'Vodounon', 'Kiki', 'Sagbo', 'Gnonlonfoun', 'Amoussou', 'Yèkpè', 'Dansou', 'Toléba', 'Alapini', 'Badou', 'Codjia'];
/** Mobile ranges after "01" (MTN, Moov, Celtiis). */
const MOBILE_PREFIXES = ['96', '97', '66', '67', '61', '62', '51', '52', '53', '54', '90', '91', '94', '95', '98', '99', '60', '63', '64', '65', '68', '69', '40', '41', '42', '43'];
const CLIENT_NOTES = ['Préfère les coupes ajustées', 'Cliente fidèle, toujours à l’heure', 'Appeler avant 18 h', 'Vient avec son propre tissu', 'Paie par mobile money', 'Taille variable : reprendre les mesures'];
const DESCRIPTIONS = ['Pagne wax bleu, col mao', 'Bazin riche, broderie dorée', 'Kente, manches 3/4', 'Pour le mariage de samedi', 'Uniforme de tontine', 'Tenue de baptême', 'Wax vert et jaune, coupe droite', 'Lin blanc, broderie au col', 'Pour la fête de fin d’année', 'Tissu Vlisco, modèle de la photo'];
const WOMEN_GARMENTS = ['robe', 'jupe', 'kaba', 'ensemble_pagne', 'boubou'];
const MEN_GARMENTS = ['chemise', 'pantalon', 'ensemble_chemise_pantalon', 'boubou', 'grand_boubou', 'tailleur', 'dashiki'];
const METHODS: readonly (readonly [PaymentMethod, number])[] = [['cash', 60], ['mobile_money', 32], ['transfer', 5], ['card', 3]];
/** Plausible range in cm of each measurement; others fall back to 20–100. */
const RANGES: Record<string, [number, number]> = {
  tour_cou: [34, 46], epaule: [38, 52], carrure_dos: [36, 48], carrure_devant: [34, 46], tour_poitrine: [80, 125],
  tour_taille: [62, 110], tour_ventre: [70, 120], longueur_manche_courte: [20, 30], longueur_manche_longue: [55, 68],
  tour_manche: [26, 42], tour_poignet: [15, 21], longueur_chemise: [68, 84], longueur_boubou: [110, 150],
  longueur_agbada: [130, 160], longueur_veste: [68, 82], longueur_tunique: [70, 100], tour_bassin: [88, 130],
  tour_cuisse: [50, 75], tour_genou: [36, 46], longueur_pantalon: [95, 112], entrejambe: [70, 86], tour_bas: [36, 50],
  montant: [24, 34], tour_sous_poitrine: [68, 100], hauteur_poitrine: [22, 32], ecart_poitrine: [16, 22],
  nuque_taille: [36, 46], epaule_taille: [38, 48], longueur_robe: [90, 140], longueur_jupe: [55, 105],
  longueur_camisole: [45, 70], longueur_pagne: [95, 115], tour_tete: [52, 62],
};

// ---------------------------------------------------------------- time helpers

const localDate = (ms: number): string => new Date(ms + TZ_OFFSET).toISOString().slice(0, 10);
const localMidnight = (date: string): number => Date.parse(`${date}T00:00:00.000Z`) - TZ_OFFSET;
/** Moves an instant into opening hours (08:00–19:00 local) of the same day, keeping order. */
function workHours(ms: number): number {
  const local = ms + TZ_OFFSET;
  const dayStart = Math.floor(local / DAY) * DAY;
  const snapped = dayStart + 8 * HOUR + ((local - dayStart) / DAY) * 11 * HOUR - TZ_OFFSET;
  return Math.min(snapped, ms);
}
const round500 = (n: number): number => Math.max(500, Math.round(n / 500) * 500);

/** `total` in `parts` positive amounts (multiples of 500 when possible). */
function split(rng: Rng, total: number, parts: number): number[] {
  if (parts <= 1) return [total];
  const step = total >= parts * 500 ? 500 : total >= parts * 100 ? 100 : 1;
  const units = Math.floor(total / step);
  const cuts = new Set<number>();
  while (cuts.size < parts - 1) cuts.add(rng.int(1, units - 1));
  const points = [0, ...[...cuts].sort((a, b) => a - b)];
  const amounts = points.slice(1).map((p, i) => (p - points[i]!) * step);
  amounts.push(total - amounts.reduce((s, a) => s + a, 0));
  return amounts;
}

// ---------------------------------------------------------------- the plan

interface Garment {
  key: string;
  id: string;
  durationDays: number;
  defaultPrice: number;
  fields: string[];
}

interface ClientPlan {
  created: number;
  female: boolean;
  garments: Garment[];
  id?: string;
}

interface PaymentPlan {
  at: number;
  amount: number;
  method: PaymentMethod;
  id?: string;
}

/** One thing that happens to a client or an order, at a time, in a logical position. */
interface Step {
  at: number;
  run: () => Promise<void>;
}

type Exec = <N extends CommandName>(name: N, input: CommandInput<N>) => Promise<CommandResult<N>>;

/**
 * One entity's steps in a runnable order: the first (its creation) first, the others after it
 * sorted by time (ties in the order given), each strictly later than the previous one.
 */
function sequence([first, ...rest]: Step[]): Step[] {
  if (!first) return [];
  for (const s of rest) s.at = Math.max(s.at, first.at + 1000);
  const sorted = [first, ...rest.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map((x) => x.s)];
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.at <= sorted[i - 1]!.at) sorted[i]!.at = sorted[i - 1]!.at + 1000;
  }
  return sorted;
}

function planClients(rng: Rng, exec: Exec, n: number, sheetsTotal: number, garments: Map<string, Garment>, start: number, cap: number) {
  const phones = new Set<string>();
  const phone = (): string => {
    for (;;) {
      const p = `+22901${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
      if (!phones.has(p)) return phones.add(p), p;
    }
  };
  const perClient = new Array<number>(n).fill(sheetsTotal >= n ? 1 : 0);
  for (let extra = sheetsTotal - perClient.reduce((s, x) => s + x, 0); extra > 0; extra -= 1) {
    let i = rng.int(0, n - 1);
    while (perClient[i]! >= 8) i = (i + 1) % n;
    perClient[i] = perClient[i]! + 1;
  }
  const clients: ClientPlan[] = [];
  const steps: Step[] = [];
  for (let i = 0; i < n; i += 1) {
    const female = rng.chance(0.6);
    const first = rng.pick(female ? FIRST_F : FIRST_M);
    const last = rng.pick(LAST);
    // A third typed in from the paper notebook in the first days, the rest as they come.
    const created = workHours(rng.chance(0.35) ? start + rng.float(0, 3 * DAY) : rng.float(start, cap - DAY));
    const keys = female ? WOMEN_GARMENTS : MEN_GARMENTS;
    const client: ClientPlan = { created, female, garments: [] };
    for (let g = rng.int(1, 3); g > 0; g -= 1) client.garments.push(garments.get(rng.pick(keys))!);
    clients.push(client);
    const tel = phone();
    const whatsapp = rng.chance(0.5) ? tel : rng.chance(0.3) ? phone() : null;
    const ascii = `${first}.${last}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const email = rng.chance(0.1) ? `${ascii}@gmail.com` : null;
    const input: CommandInput<'createClient'> = {
      name: rng.chance(0.05) ? `${last.toUpperCase()} ${first}` : `${first} ${last}`,
      phone: tel,
      whatsapp,
      email,
      gender: female ? 'female' : 'male',
      notes: rng.chance(0.1) ? rng.pick(CLIENT_NOTES) : null,
      preferredChannel: whatsapp ? 'whatsapp' : rng.pick(['sms', 'call'] as const),
    };
    const series: Step[] = [{ at: created, run: async () => void (client.id = (await exec('createClient', input)).id) }];
    const body = rng.float(0.15, 0.85);
    for (let s = 0; s < perClient[i]!; s += 1) {
      const garment = rng.pick(client.garments);
      const values: Record<string, number> = {};
      for (const key of garment.fields) {
        const [min, max] = RANGES[key] ?? [20, 100];
        const f = Math.min(1, Math.max(0, body + rng.float(-0.08, 0.08)));
        values[key] = Math.round((min + (max - min) * f) * 2) / 2;
      }
      const at = s === 0 ? created + rng.float(2, 20) * MINUTE : workHours(created + rng.float(0.02, 1) * (cap - created));
      const note = rng.chance(0.1) ? 'Mesures reprises après retouche' : null;
      series.push({ at, run: async () => void (await exec('recordMeasurements', { clientId: client.id!, garmentTypeId: garment.id, values, note })) });
    }
    steps.push(...sequence(series));
  }
  clients.sort((a, b) => a.created - b.created);
  return { clients, steps };
}

type Kind = 'delivered' | 'open' | 'quote' | 'cancelled';

interface OrderDraft {
  kind: Kind;
  final: OrderStatus;
  created: number;
  /** Status moves after creation, in order. */
  moves: { at: number; status: OrderStatus }[];
  fitting: { scheduleAt: number; at: number; outcome: { at: number; status: 'done' | 'missed' } | null } | null;
  garment: Garment;
  promisedDate: string;
  /** Payments are taken in [created, payEnd]; the last one at payEnd when fully paid. */
  payEnd: number;
  fullyPaid: boolean;
  payments: number;
}

function draftOrder(rng: Rng, kind: Kind, garment: Garment, start: number, now: number, today: string, weekStart: string): OrderDraft {
  const cap = now - HOUR;
  const base: OrderDraft = { kind, final: 'confirmed', created: 0, moves: [], fitting: null, garment, promisedDate: today, payEnd: cap, fullyPaid: false, payments: 0 };
  const dur = garment.durationDays + Math.floor(garment.durationDays / 6);
  if (kind === 'open') {
    const final = rng.weighted<OrderStatus>([['confirmed', 25], ['in_progress', 40], ['fitting', 15], ['ready', 20]]);
    // Promised around today: ready ones mostly waiting for their client; the others some late,
    // some due today, some within 48 h, most later.
    const [lo, hi] = final === 'ready' ? [-14, 3] : rng.weighted<[number, number]>([[[-7, -1], 15], [[0, 0], 10], [[1, 2], 15], [[3, 21], 60]]);
    const offset = rng.int(lo, hi);
    const promisedDate = addDays(today, offset);
    let created = workHours(localMidnight(promisedDate) - (dur + rng.float(0, 3)) * DAY + 12 * HOUR);
    if (created > now - 3 * HOUR) created = now - rng.float(3 * HOUR, 2 * DAY);
    const chain: OrderStatus[] = final === 'confirmed' ? [] : final === 'in_progress' ? ['in_progress'] : final === 'fitting' ? ['in_progress', 'fitting'] : rng.chance(0.3) ? ['in_progress', 'fitting', 'ready'] : ['in_progress', 'ready'];
    const times = chain.map(() => rng.float(created, cap)).sort((a, b) => a - b).map((t) => Math.max(workHours(t), created + MINUTE));
    const moves = chain.map((status, i) => ({ at: times[i]!, status }));
    let fitting: OrderDraft['fitting'] = null;
    const inProgress = moves[0]?.at;
    if (inProgress !== undefined && (final === 'fitting' || rng.chance(0.2))) {
      // This week's fittings: some already past (done or missed), most still to come.
      let at = workHours(localMidnight(addDays(weekStart, rng.int(0, 6))) + rng.float(0, DAY));
      if (at <= inProgress + HOUR) at = workHours(localMidnight(addDays(today, rng.int(1, 4))) + rng.float(0, DAY));
      const outcome = at < cap ? { at: at + 40 * MINUTE, status: rng.chance(0.75) ? ('done' as const) : ('missed' as const) } : null;
      fitting = { scheduleAt: inProgress + MINUTE, at, outcome };
    }
    return { ...base, final, created, moves, fitting, promisedDate };
  }
  const created = workHours(kind === 'quote' ? rng.float(now - 45 * DAY, now - 3 * HOUR) : start + DAY + Math.pow(rng.next(), 0.8) * (now - 3 * DAY - start - DAY));
  const promisedDate = addDays(localDate(created), dur);
  if (kind === 'quote') return { ...base, final: 'quote', created, promisedDate };
  if (kind === 'cancelled') {
    const at = Math.min(cap, created + rng.float(0.5, 5) * DAY);
    const moves = rng.chance(0.3) ? [{ at: created + (at - created) / 2, status: 'in_progress' as const }] : [];
    return { ...base, final: 'cancelled', created, promisedDate, moves: [...moves, { at, status: 'cancelled' }], payEnd: at };
  }
  // Delivered: started, sometimes fitted (and altered), ready around the promised date, collected.
  const promised = localMidnight(promisedDate) + 12 * HOUR;
  const tIn = created + rng.float(0.2, 1.5) * DAY;
  const raw: { at: number; status: OrderStatus }[] = [{ at: tIn, status: 'in_progress' }];
  let fitAt: number | null = null;
  let last = tIn;
  if (rng.chance(0.25)) {
    fitAt = last = tIn + rng.float(1, Math.max(1.5, dur * 0.6)) * DAY;
    raw.push({ at: fitAt - rng.float(0.2, 1) * DAY, status: 'fitting' });
    if (rng.chance(0.2)) raw.push({ at: fitAt + 45 * MINUTE, status: 'in_progress' });
  }
  const late = rng.chance(0.15) ? rng.float(1, 5) * DAY : 0;
  const ready = Math.max(last + 0.3 * DAY, promised - rng.float(0, 2) * DAY + late);
  const wait = rng.weighted<[number, number]>([[[0.05, 2], 80], [[2, 10], 15], [[10, 40], 5]]);
  raw.push({ at: ready, status: 'ready' }, { at: ready + rng.float(wait[0], wait[1]) * DAY, status: 'delivered' });
  const end = raw[raw.length - 1]!.at;
  const limit = cap - rng.float(0, 0.2) * (cap - created);
  const scale = end > limit ? (limit - created) / (end - created) : 1;
  const at = (t: number): number => Math.max(workHours(created + (t - created) * scale), created + MINUTE);
  const moves = raw.map((m) => ({ at: at(m.at), status: m.status }));
  const fitting = fitAt === null ? null : { scheduleAt: at(tIn) + MINUTE, at: at(fitAt), outcome: { at: at(fitAt) + 40 * MINUTE, status: 'done' as const } };
  return { ...base, final: 'delivered', created, moves, fitting, promisedDate, payEnd: moves[moves.length - 1]!.at - 2 * MINUTE, fullyPaid: rng.chance(0.94) };
}

/** Payment rows per order, adjusted so that the total is exactly `target` when possible. */
function allocatePayments(rng: Rng, drafts: OrderDraft[], target: number): void {
  for (const d of drafts) {
    if (d.kind === 'delivered') d.payments = d.fullyPaid ? rng.weighted([[1, 35], [2, 45], [3, 15], [4, 5]]) : rng.weighted([[0, 10], [1, 60], [2, 30]]);
    else if (d.kind === 'open') d.payments = rng.weighted([[0, 20], [1, 60], [2, 20]]);
    else if (d.kind === 'cancelled') d.payments = rng.chance(0.4) ? 2 : 0; // deposit then its refund (reversal)
  }
  const adjustable = drafts.filter((d) => d.kind === 'delivered' || d.kind === 'open');
  let diff = target - drafts.reduce((s, d) => s + d.payments, 0);
  for (let guard = 0; diff !== 0 && adjustable.length > 0 && guard < 1_000_000; guard += 1) {
    const d = rng.pick(adjustable);
    const max = d.kind === 'open' ? 3 : 6;
    const min = d.kind === 'delivered' && d.fullyPaid ? 1 : 0;
    if (diff > 0 && d.payments < max) (d.payments += 1), (diff -= 1);
    else if (diff < 0 && d.payments > min) (d.payments -= 1), (diff += 1);
  }
}

export async function generateWorkshop(path: string, opts: GenerateOptions = {}) {
  const t0 = performance.now();
  const seed = opts.seed ?? 20261125;
  const nowDate = opts.now ?? DEFAULT_NOW;
  const nClients = opts.clients ?? 2000;
  const nSheets = Math.round(nClients * (opts.sheetsPerClient ?? 3));
  const nOrders = opts.orders ?? 10_000;
  const nPayments = opts.payments ?? 15_000;
  const log = opts.log ?? (() => {});
  const rng = new Rng(seed);
  const now = nowDate.getTime();
  const today = localDate(now);
  const weekStart = startOfWeek(today);
  const start = localMidnight(addDays(today, -548)) + 9 * HOUR;
  const clock = testClock(new Date(start - DAY).toISOString());

  const port = openBetterSqlite(path);
  await port.exec('PRAGMA synchronous = OFF');
  const engine = await Engine.open(port, { now: clock.now });
  const byName: GenerationStats['commands']['byName'] = {};
  const exec: Exec = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> => {
    const t = performance.now();
    const result: CommandResult<N> = await engine.execute(name, input);
    const entry = (byName[name] ??= { count: 0, totalMs: 0 });
    entry.count += 1;
    entry.totalMs += performance.now() - t;
    return result;
  };

  await exec('setupWorkshop', { name: 'Atelier Chez Aïcha', ownerName: 'Aïcha Dossou', phone: '+229 01 97 00 00 00', city: 'Cotonou', capacity: 40 });
  const staff: string[] = [];
  for (const name of ['Rodrigue Agossou', 'Mireille Zinsou', 'Gildas Houénou']) staff.push((await exec('addMember', { name, role: 'staff' })).id);
  const types = await engine.query('garmentTypes');
  const garments = new Map<string, Garment>();
  for (const def of DEFAULT_GARMENT_TYPES) {
    const type = types.find((g) => g.name === def.name);
    if (type) garments.set(def.key, { key: def.key, id: type.id, durationDays: type.durationDays, defaultPrice: type.defaultPrice, fields: type.measurementFields });
  }

  // Clients and sheets.
  const { clients, steps } = planClients(rng, exec, nClients, nSheets, garments, start, now - HOUR);
  const clientFor = (created: number): ClientPlan => {
    let lo = 0;
    let hi = clients.length; // first client created after `created - 30 min`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (clients[mid]!.created < created - 30 * MINUTE) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return clients[0]!;
    return rng.chance(0.3) ? clients[Math.max(0, lo - 1 - rng.int(0, Math.ceil(lo * 0.05)))]! : clients[rng.int(0, lo - 1)]!;
  };

  // Orders: kinds first, then their life, then the payments.
  const nOpen = Math.round(nOrders * 0.06);
  const nQuote = Math.round(nOrders * 0.006);
  const nCancelled = Math.round(nOrders * 0.025);
  const kinds: Kind[] = Array.from({ length: nOrders }, (_, i) => (i < nOpen ? 'open' : i < nOpen + nQuote ? 'quote' : i < nOpen + nQuote + nCancelled ? 'cancelled' : 'delivered'));
  const drafts = kinds.map((kind) => draftOrder(rng, kind, rng.pick([...garments.values()]), start, now, today, weekStart));
  allocatePayments(rng, drafts, nPayments);
  const counts = { clients: nClients, sheets: nSheets, orders: nOrders, payments: 0, reversals: 0, fittings: 0 };
  const ordersByStatus: Record<string, number> = {};
  for (const d of drafts) {
    const client = clientFor(d.created);
    const created = Math.max(d.created, client.created + 30 * MINUTE);
    const garment = rng.chance(0.8) ? rng.pick(client.garments) : d.garment;
    const urgency = rng.weighted([['normal', 80], ['high', 12], ['urgent', 8]] as const);
    const fabricSource = rng.chance(0.15) ? ('workshop' as const) : ('client' as const);
    const price = round500(garment.defaultPrice * rng.float(0.8, 2.2) * (urgency === 'urgent' ? 1.2 : 1)) + (fabricSource === 'workshop' ? round500(rng.float(5000, 30000)) : 0);
    ordersByStatus[d.final] = (ordersByStatus[d.final] ?? 0) + 1;
    counts.payments += d.payments;
    let orderId = '';
    const series: Step[] = [];

    // Payment plan: net amounts summing to what was received; one may be a mistake reversed and re-entered.
    const payments: PaymentPlan[] = [];
    let deposit: PaymentPlan | null = null;
    if (d.kind === 'cancelled' && d.payments === 2) {
      const p: PaymentPlan = { at: created, amount: round500(price * rng.float(0.3, 0.5)), method: rng.weighted(METHODS) };
      deposit = p;
      series.push({ at: d.payEnd - 5 * MINUTE, run: async () => void (await exec('reversePayment', { paymentId: p.id!, note: 'Acompte remboursé : commande annulée' })) });
      counts.reversals += 1;
    } else if (d.payments > 0) {
      const reversal = d.payments >= 3 && rng.chance(0.08);
      const net = d.payments - (reversal ? 2 : 0);
      const total = d.fullyPaid || (d.final === 'ready' && rng.chance(0.3)) ? price : Math.max(net, round500(price * rng.float(0.3, 0.7)));
      const amounts = split(rng, Math.min(total, price), net);
      const withDeposit = rng.chance(0.8);
      const windowStart = created + 10 * MINUTE;
      const end = Math.max(windowStart + MINUTE, d.payEnd);
      const times = amounts
        .map((_, i) => (i === 0 && withDeposit ? created : i === amounts.length - 1 && d.fullyPaid ? end : Math.max(windowStart, workHours(rng.float(windowStart, end)))))
        .sort((a, b) => a - b);
      amounts.forEach((amount, i) => payments.push({ at: times[i]!, amount, method: rng.weighted(METHODS) }));
      if (withDeposit) deposit = payments.shift()!;
      const wrong = reversal ? rng.int(0, amounts.length - 1) : -1;
      if (wrong >= 0) {
        counts.reversals += 1;
        const right = wrong === 0 && deposit ? deposit : payments[wrong - (deposit ? 1 : 0)]!;
        // Recorded first with the wrong method, reversed, then entered again correctly.
        const mistaken: PaymentPlan = { at: right.at, amount: right.amount, method: right.method === 'cash' ? 'mobile_money' : 'cash' };
        if (right === deposit) {
          deposit = mistaken;
          right.at = mistaken.at + 6 * MINUTE;
          payments.unshift(right);
        } else {
          payments.push(mistaken);
          right.at += 6 * MINUTE;
        }
        series.push({ at: mistaken.at + 5 * MINUTE, run: async () => void (await exec('reversePayment', { paymentId: mistaken.id!, note: 'Erreur de saisie : mauvais moyen de paiement' })) });
      }
    }
    const dep = deposit;
    const input: Omit<CommandInput<'createOrder'>, 'clientId'> = {
      garmentTypeId: garment.id,
      description: rng.chance(0.6) ? rng.pick(DESCRIPTIONS) : null,
      fabricSource,
      fabricPagnes: fabricSource === 'client' && rng.chance(0.7) ? rng.pick([1, 1.5, 2, 3, 4, 6]) : null,
      price,
      urgency,
      status: d.final === 'quote' ? 'quote' : 'confirmed',
      assignedTo: rng.chance(0.7) ? rng.pick(staff) : null,
      promisedDate: d.promisedDate < localDate(created) ? localDate(created) : d.promisedDate,
      deposit: dep ? { amount: dep.amount, method: dep.method } : null,
    };
    series.unshift({
      at: created,
      run: async () => {
        const result = await exec('createOrder', { ...input, clientId: client.id! });
        orderId = result.id;
        if (dep) dep.id = result.paymentId!;
      },
    });
    for (const p of payments) {
      series.push({ at: p.at, run: async () => void (p.id = (await exec('recordPayment', { orderId, amount: p.amount, method: p.method })).id) });
    }
    for (const m of d.moves) series.push({ at: m.at, run: async () => void (await exec('changeOrderStatus', { id: orderId, status: m.status })) });
    if (d.fitting) {
      const f = d.fitting;
      let fittingId = '';
      counts.fittings += 1;
      const note = rng.chance(0.3) ? 'Apporter les chaussures de la cérémonie' : null;
      series.push({ at: f.scheduleAt, run: async () => void (fittingId = (await exec('scheduleFitting', { orderId, at: new Date(f.at).toISOString(), note })).id) });
      const outcome = f.outcome;
      if (outcome) series.push({ at: outcome.at, run: async () => void (await exec('updateFitting', { id: fittingId, status: outcome.status })) });
    }
    steps.push(...sequence(series));
  }
  log(`plan ready: ${steps.length} commands (${Math.round(performance.now() - t0)} ms)`);

  // Run everything in time order under the workshop's clock.
  const order = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  let done = 0;
  for (const { s } of order) {
    clock.set(new Date(s.at).toISOString());
    await s.run();
    if (++done % 10_000 === 0) log(`  ${done}/${order.length} commands (${Math.round(performance.now() - t0)} ms)`);
  }
  clock.set(nowDate.toISOString());
  await port.exec('PRAGMA synchronous = FULL');
  const total = Object.values(byName).reduce((s, e) => s + e.count, 0);
  const stats: GenerationStats = {
    seed,
    now: nowDate.toISOString(),
    today,
    planned: counts,
    ordersByStatus,
    commands: { total, byName },
    generationMs: performance.now() - t0,
  };
  return { engine, now: nowDate, stats };
}
