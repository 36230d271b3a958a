/**
 * The orders of the generated workshop over time: how many of each kind (delivered, open around
 * today, quotes, cancelled), the life of each (status moves, fitting, promised date) and its
 * payments (deposit, instalments, a mistaken payment reversed, a refunded deposit).
 */
import { addDays } from '../shared/domain/calendar.js';
import type { OrderStatus } from '../shared/domain/orderStatus.js';
import type { PaymentMethod } from '../shared/domain/payments.js';
import type { CommandInput } from '../shared/engine/engine.js';
import type { ClientPlan, Garment } from './workshopClients.js';
import { DESCRIPTIONS, METHODS } from './workshopNames.js';
import type { Rng } from './workshopRng.js';
import { DAY, HOUR, MINUTE, localDate, localMidnight, sequence, workHours, type Exec, type Step } from './workshopTime.js';

/** An amount rounded to 500 F, at least 500 F. */
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

interface PaymentPlan {
  at: number;
  amount: number;
  method: PaymentMethod;
  id?: string;
}

export type Kind = 'delivered' | 'open' | 'quote' | 'cancelled';

/** An order's life decided in advance: when it is created, moves, is fitted and paid. */
export interface OrderDraft {
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

/** Drafts of `nOrders` orders (6 % open, 0.6 % quotes, 2.5 % cancelled, the rest delivered), with `nPayments` payments in all. */
export function draftOrders(rng: Rng, nOrders: number, nPayments: number, garments: Map<string, Garment>, start: number, now: number, today: string, weekStart: string): OrderDraft[] {
  const nOpen = Math.round(nOrders * 0.06);
  const nQuote = Math.round(nOrders * 0.006);
  const nCancelled = Math.round(nOrders * 0.025);
  const kinds: Kind[] = Array.from({ length: nOrders }, (_, i) => (i < nOpen ? 'open' : i < nOpen + nQuote ? 'quote' : i < nOpen + nQuote + nCancelled ? 'cancelled' : 'delivered'));
  const drafts = kinds.map((kind) => draftOrder(rng, kind, rng.pick([...garments.values()]), start, now, today, weekStart));
  allocatePayments(rng, drafts, nPayments);
  return drafts;
}

/**
 * The steps of one order for `client`: its creation (with the deposit), payments and reversals,
 * status moves, fitting. Counts the reversals and fittings planned in `counts`.
 */
export function planOrder(rng: Rng, exec: Exec, d: OrderDraft, client: ClientPlan, staff: string[], counts: { reversals: number; fittings: number }): Step[] {
  const created = Math.max(d.created, client.created + 30 * MINUTE);
  const garment = rng.chance(0.8) ? rng.pick(client.garments) : d.garment;
  const urgency = rng.weighted([['normal', 80], ['high', 12], ['urgent', 8]] as const);
  const fabricSource = rng.chance(0.15) ? ('workshop' as const) : ('client' as const);
  const price = round500(garment.defaultPrice * rng.float(0.8, 2.2) * (urgency === 'urgent' ? 1.2 : 1)) + (fabricSource === 'workshop' ? round500(rng.float(5000, 30000)) : 0);
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
  return sequence(series);
}
