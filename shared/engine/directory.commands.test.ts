/**
 * The public profile and the portfolio on a real SQLite file: the profile's defaults and saves
 * (one row, the workshop's id), publishing only with a city, a position and a plan that includes
 * the directory (French rule errors), hostile input refused with nothing written, the portfolio's
 * positions, limit ("x / limite"), reorder and removal; staff and viewers refused, reading allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorkshop, workshopFixture, rejectionOf, type ViewerIds, type WorkshopIds } from './commandFixtures.testing.js';
import { formatHlc } from '../sync/hlc.js';
import type { Engine, CommandName, CommandInput } from './engine.js';
import type { EngineError } from '../domain/errors.js';
import type { PlanLimits, SubscriptionStatus } from '../billing/plans.js';

const workshop = workshopFixture('styliste-directory-');
let engine: Engine;
let ids: WorkshopIds & ViewerIds;
let workshopId: string;
let hubTick = 0;

const HASH = (n: number) => n.toString(16).padStart(64, '0');
const COTONOU = { lat: 6.3703, lng: 2.3912 };

beforeAll(async () => {
  ({ engine, ids } = await workshop.open((opened, ownerId) => seedWorkshop(opened, ownerId, { viewer: 'Comptable' })));
  workshopId = (await engine.query('settings'))!.id;
});

afterAll(() => workshop.close());

/** The hub's subscription row arriving by sync (a device never writes it). */
async function planIs(planName: string, status: SubscriptionStatus, limits: Partial<PlanLimits>): Promise<void> {
  hubTick += 1;
  const hlc = formatHlc({ millis: Date.parse('2026-11-25T08:00:00.000Z') + hubTick, counter: 0, node: 'ffffffffffffffff' });
  const fields = {
    planId: planName.toLowerCase().replace(/[^a-z]+/g, '-'),
    planName,
    status,
    cycle: null,
    trialEndsAt: null,
    currentPeriodEnd: null,
    graceEndsAt: null,
    pendingPlanId: null,
    limits: { members: 5, portfolioPhotos: 100, monthlyCredits: 0, directory: true, ...limits },
    updatedAt: new Date(Date.parse('2026-11-25T08:00:00.000Z') + hubTick).toISOString(),
  };
  await engine.applyChanges([{ table: 'subscription', rowId: workshopId, hlc, fields }], await engine.cursor());
}

function counts(): { profile: number; photos: number; outbox: number } {
  return workshop.reader.prepare('SELECT (SELECT COUNT(*) FROM directory_profile) AS profile, (SELECT COUNT(*) FROM portfolio_items) AS photos, (SELECT COUNT(*) FROM outbox) AS outbox').get() as never;
}

function digest(): string {
  return JSON.stringify([workshop.reader.prepare('SELECT * FROM directory_profile').all(), workshop.reader.prepare('SELECT * FROM portfolio_items ORDER BY id').all(), counts()]);
}

/** The command's refusal; nothing written by it. */
async function refused<N extends CommandName>(name: N, input: CommandInput<N> | Record<string, unknown>): Promise<EngineError> {
  const before = digest();
  const error = await rejectionOf(engine, name, input, () => `${name} went through`);
  expect(digest()).toBe(before);
  return error;
}

function lastOutbox(): { tbl: string; row_id: string; fields: Record<string, unknown> } {
  const row = workshop.reader.prepare('SELECT tbl, row_id, fields FROM outbox ORDER BY seq DESC LIMIT 1').get() as { tbl: string; row_id: string; fields: string };
  return { ...row, fields: JSON.parse(row.fields) as Record<string, unknown> };
}

describe('the public profile', () => {
  it('starts from the workshop: its name and city, unpublished, no position', async () => {
    expect(await engine.query('directoryProfile')).toMatchObject({
      id: workshopId,
      saved: false,
      published: false,
      name: 'Atelier Chez Aïcha',
      city: 'Cotonou',
      lat: null,
      specialties: [],
      acceptsOrders: true,
      updatedAt: null,
      missing: ['position'],
      planRefusal: null,
    });
  });

  it('is saved as ONE row whose id is the workshop\'s; later saves send only what changed', async () => {
    await engine.execute('saveDirectoryProfile', { specialties: ['mariage', 'femme'], priceRange: 'standard', about: '  Robes de mariée\net pagnes.  ', whatsapp: '01 97 00 00 11', district: 'Akpakpa' });
    const first = lastOutbox();
    expect(first).toMatchObject({ tbl: 'directory_profile', row_id: workshopId });
    expect(first.fields).toMatchObject({ name: 'Atelier Chez Aïcha', city: 'Cotonou', published: false, specialties: ['femme', 'mariage'], about: 'Robes de mariée\net pagnes.', whatsapp: '+2290197000011', updatedAt: '2026-11-25T09:00:00.000Z' });
    await engine.execute('saveDirectoryProfile', { acceptsOrders: false });
    expect(Object.keys(lastOutbox().fields).sort()).toEqual(['acceptsOrders', 'updatedAt']);
    expect(counts().profile).toBe(1);
    expect(await engine.query('directoryProfile')).toMatchObject({ saved: true, acceptsOrders: false, district: 'Akpakpa', priceRange: 'standard' });
  });

  it('is not published without a position, nor without a city, in French, nothing written', async () => {
    expect(await refused('saveDirectoryProfile', { published: true })).toMatchObject({
      code: 'rule_violation',
      field: 'lat',
      message: 'Publier dans l’annuaire : placez l’atelier sur la carte (ou « Je suis à l’atelier »).',
    });
    expect((await refused('saveDirectoryProfile', { published: true, city: '  ' })).message).toBe('Publier dans l’annuaire : indiquez la ville de l’atelier et placez-le sur la carte.');
    expect((await refused('saveDirectoryProfile', { published: true, city: null, ...COTONOU })).message).toBe('Publier dans l’annuaire : indiquez la ville de l’atelier.');
    expect(await refused('saveDirectoryProfile', { lat: 6.37 })).toMatchObject({ code: 'invalid_input', field: 'lng', message: 'Position : Donnez la latitude et la longitude ensemble' });
  });

  it('is published only when the plan includes the directory and is not suspended, saying which plan to choose', async () => {
    await planIs('Gratuit', 'active', { directory: false, portfolioPhotos: 6 });
    const message = 'Publier dans l’annuaire : votre formule « Gratuit » ne comprend pas l’annuaire. Choisissez la formule Solo, Atelier ou Maison de couture (écran Abonnement).';
    expect(await refused('saveDirectoryProfile', { published: true, ...COTONOU })).toMatchObject({ code: 'rule_violation', field: 'published', message });
    expect((await engine.query('directoryProfile'))!.planRefusal).toBe(message);
    await planIs('Atelier', 'suspended', {});
    expect((await refused('saveDirectoryProfile', { published: true, ...COTONOU })).message).toBe(
      'Publier dans l’annuaire : votre abonnement est suspendu. Réglez votre formule (écran Abonnement) pour apparaître dans l’annuaire.',
    );
    engine.locale = 'en';
    try {
      expect((await refused('saveDirectoryProfile', { published: true, ...COTONOU })).message).toContain('your subscription is suspended');
    } finally {
      engine.locale = 'fr';
    }
    await planIs('Atelier', 'trial', {});
    await engine.execute('saveDirectoryProfile', { published: true, ...COTONOU });
    expect(await engine.query('directoryProfile')).toMatchObject({ published: true, lat: COTONOU.lat, lng: COTONOU.lng, missing: [], planRefusal: null });
  });

  it('stays editable once published when the plan later drops the directory (the hub hides it); unpublishing is always allowed', async () => {
    await planIs('Gratuit', 'active', { directory: false, portfolioPhotos: 6 });
    await engine.execute('saveDirectoryProfile', { about: 'Nouvelle présentation' });
    await engine.execute('saveDirectoryProfile', { published: false });
    expect(await engine.query('directoryProfile')).toMatchObject({ published: false, about: 'Nouvelle présentation' });
    await planIs('Atelier', 'active', {});
  });

  it.each([
    ['NUL in the about text', { about: 'Couture\u0000fine' }, 'about', 'Présentation : ce texte contient un caractère nul (U+0000) : retapez-le'],
    ['lone surrogate in the district', { district: 'Akpakpa \ud83d' }, 'district', 'Quartier : ce texte est mal encodé (caractère Unicode incomplet) : retapez-le'],
    ['empty name', { name: '   ' }, 'name', 'Nom : Le nom de l’atelier est obligatoire'],
    ['about of 1 001 characters', { about: 'x'.repeat(1001) }, 'about', 'Présentation : 1000 caractères au plus'],
    ['latitude 91', { lat: 91, lng: 2 }, 'lat', 'Latitude : Latitude invalide (entre -90 et 90)'],
    ['latitude as text', { lat: '6.37', lng: 2 }, 'lat', 'Latitude : Latitude invalide (entre -90 et 90)'],
    ['longitude NaN', { lat: 6, lng: Number.NaN }, 'lng', 'Longitude : Longitude invalide (entre -180 et 180)'],
    ['specialties as one string', { specialties: 'femme' }, 'specialties', 'Spécialités : Liste de spécialités attendue'],
    ['unknown price range', { priceRange: 'luxe' }, 'priceRange', 'Gamme de prix : Gamme de prix inconnue (petits prix, prix moyens ou haut de gamme)'],
    ['published as a word', { published: 'oui' }, 'published', 'Publié : Oui ou non attendu'],
    ['a field of no profile', { slug: 'mon-atelier' }, 'slug', undefined],
  ])('refuses %s with a clean French message naming the field', async (_why, input, field, message) => {
    const error = await refused('saveDirectoryProfile', input);
    expect(error).toMatchObject({ code: 'invalid_input', field });
    if (message) expect(error.message).toBe(message);
  });

  it('refuses a WhatsApp number that is not one', async () => {
    expect(await refused('saveDirectoryProfile', { whatsapp: 'abc' })).toMatchObject({ code: 'invalid_input', field: 'whatsapp' });
  });
});

describe('the portfolio', () => {
  let photos: string[] = [];

  it('adds photos at the end, with a caption, a garment type, published by default', async () => {
    const a = await engine.execute('addPortfolioPhoto', { fileHash: HASH(1), caption: 'Robe de mariée', garmentTypeId: ids.garmentTypeId });
    const b = await engine.execute('addPortfolioPhoto', { fileHash: HASH(2) });
    const c = await engine.execute('addPortfolioPhoto', { fileHash: HASH(3), published: false });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    photos = [a.id, b.id, c.id];
    const view = await engine.query('portfolio');
    expect(view).toMatchObject({ used: 3, limit: 100 });
    expect(view.items.map((p) => [p.fileHash, p.caption, p.garmentType, p.published])).toEqual([
      [HASH(1), 'Robe de mariée', 'Kaftan', true],
      [HASH(2), null, null, true],
      [HASH(3), null, null, false],
    ]);
    expect(lastOutbox()).toMatchObject({ tbl: 'portfolio_items', row_id: c.id, fields: { fileHash: HASH(3), position: 2, published: false, deletedAt: null, createdAt: '2026-11-25T09:00:00.000Z' } });
  });

  it('refuses a photo past the plan\'s limit with the numbers, and takes one again once a photo is removed', async () => {
    await planIs('Gratuit', 'active', { directory: false, portfolioPhotos: 3 });
    expect(await refused('addPortfolioPhoto', { fileHash: HASH(4) })).toMatchObject({
      code: 'rule_violation',
      message: 'Portfolio : votre formule « Gratuit » permet 3 photos (3 / 3). Retirez une photo ou choisissez une formule plus grande.',
    });
    expect(await engine.query('portfolio')).toMatchObject({ used: 3, limit: 3 });
    await engine.execute('removePortfolioPhoto', { id: photos[1]! });
    const d = await engine.execute('addPortfolioPhoto', { fileHash: HASH(4) });
    expect(d.position).toBe(3);
    photos = [photos[0]!, photos[2]!, d.id];
    await planIs('Atelier', 'active', {});
  });

  it('reorders: the ids given first, in that order, any other after them; unchanged positions are not rewritten', async () => {
    const [a, c, d] = photos as [string, string, string];
    const before = counts().outbox;
    // Positions a 0, c 2, d 3 → d 0, a 1, c 2: c keeps its position.
    expect(await engine.execute('reorderPortfolio', { ids: [d, a, c] })).toEqual({ changed: 2 });
    expect((await engine.query('portfolio')).items.map((p) => [p.id, p.position])).toEqual([[d, 0], [a, 1], [c, 2]]);
    expect(counts().outbox).toBe(before + 2);
    expect(await engine.execute('reorderPortfolio', { ids: [c] })).toEqual({ changed: 3 });
    expect((await engine.query('portfolio')).items.map((p) => p.id)).toEqual([c, d, a]);
    expect(await engine.execute('reorderPortfolio', { ids: [c, d, a] })).toEqual({ changed: 0 });
  });

  it('refuses an order with a photo twice, or one not (or no longer) in the portfolio', async () => {
    const [a, c] = photos as [string, string];
    expect((await refused('reorderPortfolio', { ids: [a, c, a] })).message).toBe('Ordre des photos : une photo apparaît deux fois dans la liste.');
    expect(await refused('reorderPortfolio', { ids: [a, '0190f5a0-0000-7000-8000-00000000dead'] })).toMatchObject({ code: 'rule_violation', field: 'ids' });
    expect(await refused('reorderPortfolio', { ids: [] })).toMatchObject({ code: 'invalid_input', field: 'ids' });
  });

  it('updates a caption, the garment type and published; refuses hostile text and unknown rows', async () => {
    const [a] = photos as [string];
    await engine.execute('updatePortfolioPhoto', { id: a, caption: 'Boubou brodé', garmentTypeId: null, published: false });
    expect((await engine.query('portfolio')).items.find((p) => p.id === a)).toMatchObject({ caption: 'Boubou brodé', garmentType: null, published: false });
    expect(await refused('updatePortfolioPhoto', { id: a, caption: 'Robe\u0000' })).toMatchObject({ code: 'invalid_input', field: 'caption' });
    expect(await refused('updatePortfolioPhoto', { id: a, caption: 'x'.repeat(201) })).toMatchObject({ code: 'invalid_input', field: 'caption' });
    expect(await refused('updatePortfolioPhoto', { id: a, garmentTypeId: '0190f5a0-0000-7000-8000-00000000beef' })).toMatchObject({ code: 'not_found', field: 'garmentTypeId' });
    expect(await refused('addPortfolioPhoto', { fileHash: HASH(0xabc).toUpperCase() })).toMatchObject({ code: 'invalid_input', field: 'fileHash' });
    expect(await refused('addPortfolioPhoto', { fileHash: HASH(9), caption: '\udc00' })).toMatchObject({ code: 'invalid_input', field: 'caption' });
  });

  it('removes a photo (deletedAt set, gone from the list); a removed or unknown photo is not found', async () => {
    const [a] = photos as [string];
    await engine.execute('removePortfolioPhoto', { id: a });
    expect(lastOutbox()).toMatchObject({ tbl: 'portfolio_items', row_id: a, fields: { deletedAt: '2026-11-25T09:00:00.000Z' } });
    const view = await engine.query('portfolio');
    expect(view.used).toBe(2);
    expect(view.items.some((p) => p.id === a)).toBe(false);
    expect(await refused('removePortfolioPhoto', { id: a })).toMatchObject({ code: 'not_found', message: 'Photo du portfolio introuvable.' });
    expect(await refused('updatePortfolioPhoto', { id: a, caption: 'Retour' })).toMatchObject({ code: 'not_found' });
  });
});

describe('staff and viewers', () => {
  const inputs = (): [CommandName, Record<string, unknown>][] => [
    ['saveDirectoryProfile', { about: 'Autre' }],
    ['addPortfolioPhoto', { fileHash: HASH(7) }],
    ['updatePortfolioPhoto', { id: workshopId, caption: 'x' }],
    ['reorderPortfolio', { ids: [workshopId] }],
    ['removePortfolioPhoto', { id: workshopId }],
  ];

  it.each([
    ['staff', 'Employé'],
    ['viewer', 'Lecteur'],
  ] as const)('%s: every directory command refused in French, nothing written; the queries read', async (role, label) => {
    await engine.useMember(role === 'staff' ? ids.staffId : ids.viewerId);
    try {
      for (const [name, input] of inputs()) {
        expect(await refused(name, input)).toMatchObject({ code: 'forbidden', message: `Votre rôle (${label}) ne permet pas cette action.` });
      }
      expect((await engine.query('directoryProfile'))!.name).toBe('Atelier Chez Aïcha');
      expect((await engine.query('portfolio')).used).toBe(2);
    } finally {
      await engine.useMember(ids.ownerId);
    }
  });
});
