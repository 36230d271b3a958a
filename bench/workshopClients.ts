/** The clients of the generated workshop and their measurement sheets, planned over time. */
import type { CommandInput } from '../shared/engine/engine.js';
import { CLIENT_NOTES, MEN_GARMENTS, RANGES, WOMEN_GARMENTS, phoneNumbers, pickName } from './workshopNames.js';
import type { Rng } from './workshopRng.js';
import { DAY, MINUTE, sequence, workHours, type Exec, type Step } from './workshopTime.js';

/** A garment type of the workshop, as the plan uses it. */
export interface Garment {
  key: string;
  id: string;
  durationDays: number;
  defaultPrice: number;
  fields: string[];
}

export interface ClientPlan {
  created: number;
  female: boolean;
  garments: Garment[];
  id?: string;
}

/** The clients (created over the period, a third in the first days) and their measurement sheets. */
export function planClients(rng: Rng, exec: Exec, n: number, sheetsTotal: number, garments: Map<string, Garment>, start: number, cap: number) {
  const phone = phoneNumbers(rng);
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
    const { first, last } = pickName(rng, female);
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

/**
 * The client of an order created at `created`: one of `clients` (sorted by creation) created at
 * least 30 minutes before, sometimes among the most recent of them, usually any of them.
 */
export function clientPicker(rng: Rng, clients: ClientPlan[]): (created: number) => ClientPlan {
  return (created: number): ClientPlan => {
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
}
