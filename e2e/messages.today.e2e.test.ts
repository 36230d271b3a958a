/**
 * The Today screen's WhatsApp reminder for a ready order, in Chromium against a real cloud (the
 * dispatcher runs): the free link opens wa.me with the reminder ready, and the opening is noted in
 * the client's history and the order's (status "ouvert dans WhatsApp"), once. A viewer, who may not
 * write messages, still gets a working link, and nothing is noted for them. A client whose WhatsApp
 * number is not their phone gets the reminder on the WhatsApp number, and the note names that one.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './support.js';
import * as f from './flows.js';
import { dispatchSuite } from './dispatchSuite.js';

const suite = dispatchSuite();
const OWNER = { workshop: 'Atelier Sika Couture', owner: 'Sika Adjovi', phone: '01 97 44 33 23', password: 'pret-a-porter-2026' };
const VIEWER = { name: 'Mireille Hounkpè', phone: '01 97 44 33 28', password: 'lectrice-2026-sika' };
const AICHA = { name: 'Aïcha Dossou', phone: '01 62 30 40 50', digits: '2290162304050' };
const REMINDER = `Rappel WhatsApp à ${AICHA.name}`;
const SECOND = { workshop: 'Atelier Bénédicta', owner: 'Bénédicta Zinsou', phone: '01 97 44 33 31', password: 'wax-et-bazin-2026' };
/** Calls on one number, chats on another. */
const KOFFI = { name: 'Koffi Agbo', phone: '01 61 10 20 30', whatsapp: '01 97 55 66 77', whatsappDigits: '2290197556677', whatsappShown: '+229 01 97 55 66 77', phoneShown: '+229 01 61 10 20 30' };
/** No phone at all, only WhatsApp. */
const ROSINE = { name: 'Rosine Tchibozo', whatsapp: '01 97 55 66 88', whatsappDigits: '2290197556688' };

const sync = f.syncNow;

/**
 * Clicks a WhatsApp link: the URL of the tab it opened, or null when the browser opened none (a
 * blocked popup) or it closed before it could be read. The page's own record does not depend on it.
 */
async function clickWhatsApp(page: Page, link: Locator): Promise<string | null> {
  const popup = page.waitForEvent('popup', { timeout: 5_000 }).catch(() => null);
  await link.click();
  const tab = await popup;
  if (!tab) return null;
  await tab.waitForURL(/^https:\/\/wa\.me\//, { timeout: 5_000 }).catch(() => undefined);
  const url = tab.isClosed() ? null : tab.url();
  await tab.close().catch(() => undefined);
  return url;
}

/** The history's "opened in WhatsApp" lines. */
const manualLines = (history: Locator, page: Page) => history.getByTestId('message').and(page.locator('[data-status="manual"]'));

async function inviteViewer(owner: Page): Promise<string> {
  await owner.goto(owner.url().replace(/#.*$/, '#/team'));
  await owner.getByLabel('Téléphone').fill(VIEWER.phone);
  await owner.getByLabel('Nom', { exact: true }).fill(VIEWER.name);
  await owner.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Lecteur' });
  await owner.getByRole('button', { name: 'Créer l’invitation' }).click();
  return /Code d’invitation : (\d{6})/.exec((await owner.getByTestId('invite-code').textContent()) ?? '')![1]!;
}

async function joinWithCode(page: Page, appUrl: string, code: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('tab', { name: 'J’ai un code d’invitation' }).click();
  await page.getByLabel('Code d’invitation (6 chiffres)').fill(code);
  await page.getByLabel('Téléphone').fill(VIEWER.phone);
  await page.getByLabel('Mot de passe').fill(VIEWER.password);
  await page.getByRole('button', { name: 'J’ai un code d’invitation' }).last().click();
  await page.waitForURL(/#\/today/, { timeout: 60_000 });
}

/** A client with a WhatsApp number (and a phone, if given), by the client form: the client's id. */
async function addClientWithWhatsApp(page: Page, client: { name: string; phone?: string; whatsapp: string }): Promise<string> {
  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Nouveau client' }).click();
  await page.getByLabel('Nom du client').fill(client.name);
  if (client.phone) await page.getByLabel('Téléphone', { exact: true }).fill(client.phone);
  await page.getByLabel('WhatsApp', { exact: true }).fill(client.whatsapp);
  await page.getByRole('button', { name: 'Enregistrer le client' }).click();
  await page.waitForURL(/#\/clients\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/** A ready order of that client: its number. */
async function readyOrder(page: Page, clientId: string): Promise<string> {
  await f.createOrder(page, clientId, { garment: 'Kaba', price: '12000' });
  const orderNumber = (await page.getByTestId('order-number').textContent())!.trim();
  await f.moveTo(page, 'En cours');
  await f.moveTo(page, 'Prête');
  return orderNumber;
}

describe('the WhatsApp reminder of a ready order, on Today', () => {
  it('opens wa.me with the reminder and notes it in the client’s history; a viewer gets the link, no note', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    // No real WhatsApp from a test: the tab the link opens gets a page of ours.
    await context.route(/^https:\/\/wa\.me\//, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp' }));
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    const appUrl = `${suite.server.url}/app/`;
    await f.signUp(page, appUrl, OWNER);
    await f.finishSetup(page, { city: 'Cotonou', capacity: '10' });
    const clientId = await f.addClient(page, AICHA);
    const orderId = await f.createOrder(page, clientId, { garment: 'Kaba', price: '15000', deposit: '5000' });
    const orderNumber = (await page.getByTestId('order-number').textContent())!.trim();
    await f.moveTo(page, 'En cours');
    await f.moveTo(page, 'Prête');

    // ── Today: the ready order with its reminder, a wa.me link with the text ready. ──
    await page.goto(`${appUrl}#/today`);
    const reminder = page.getByTestId('ready-orders').getByRole('link', { name: REMINDER, exact: true });
    await reminder.waitFor({ timeout: 10_000 });
    expect(await reminder.textContent()).toBe('Rappel WhatsApp');
    const href = (await reminder.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^https://wa\\.me/${AICHA.digits}\\?text=`));
    const text = decodeURIComponent(new URL(href).searchParams.get('text')!);
    expect(text).toContain(`Bonjour ${AICHA.name}, votre commande n° ${orderNumber}`);
    expect(text).toContain('Reste à payer : 10');
    expect(await page.getByTestId('ready-orders').getByRole('alert').count()).toBe(0);

    const opened = await clickWhatsApp(page, reminder);
    if (opened !== null) expect(opened).toBe(href);
    await screenshot(page, 'messages-today-reminder');

    // ── The client's history notes it, "ouvert dans WhatsApp", with the reminder's text; and the order's. ──
    await page.goto(`${appUrl}#/clients/${clientId}`);
    const clientHistory = page.getByTestId('client-messages').getByTestId('message-history');
    const noted = manualLines(clientHistory, page);
    await noted.first().waitFor({ timeout: 10_000 });
    expect(await noted.count()).toBe(1);
    expect(await noted.getByTestId('message-status').textContent()).toBe('ouvert dans WhatsApp');
    expect(await noted.textContent()).toContain(`votre commande n° ${orderNumber}`);
    await screenshot(page, 'messages-today-client-history');

    // The composer's own WhatsApp link is the same link: noted too, and the composer says so.
    const composer = page.getByTestId('composer');
    await composer.getByLabel('WhatsApp', { exact: true }).check();
    await composer.getByLabel('Message', { exact: true }).fill('Aïcha, passez quand vous voulez.');
    await composer.getByTestId('message-preview').filter({ hasText: 'passez quand vous voulez' }).waitFor({ timeout: 10_000 });
    const composerOpened = await clickWhatsApp(page, composer.getByRole('link', { name: 'Ouvrir dans WhatsApp (gratuit)' }));
    if (composerOpened !== null) expect(composerOpened).toMatch(new RegExp(`^https://wa\\.me/${AICHA.digits}\\?text=A%C3%AFcha`));
    await composer.getByTestId('composer-done').filter({ hasText: 'Conversation WhatsApp ouverte : c’est noté dans l’historique du client.' }).waitFor({ timeout: 10_000 });
    await noted.nth(1).waitFor({ timeout: 10_000 });
    expect(await noted.count()).toBe(2);

    await page.goto(`${appUrl}#/orders/${orderId}`);
    const orderNoted = manualLines(page.getByTestId('order-messages'), page);
    await orderNoted.first().waitFor({ timeout: 10_000 });
    expect(await orderNoted.count()).toBe(1);

    // ── A viewer may not write messages: the reminder still opens WhatsApp, and nothing is noted. ──
    await sync(page);
    const code = await inviteViewer(page);
    const viewerContext = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    await viewerContext.route(/^https:\/\/wa\.me\//, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp' }));
    const viewer = await viewerContext.newPage();
    viewer.on('pageerror', (error) => console.error('[viewer page error]', error.message));
    await joinWithCode(viewer, appUrl, code);
    const viewerReminder = viewer.getByTestId('ready-orders').getByRole('link', { name: REMINDER, exact: true });
    await viewerReminder.waitFor({ timeout: 30_000 });
    expect(await viewerReminder.getAttribute('href')).toBe(href);
    const viewerOpened = await clickWhatsApp(viewer, viewerReminder);
    if (viewerOpened !== null) expect(viewerOpened).toBe(href);
    // A note tried for the viewer would be refused by the engine, its error shown by the link.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await viewer.getByTestId('ready-orders').getByRole('alert').count()).toBe(0);

    await viewer.goto(`${appUrl}#/clients/${clientId}`);
    const viewerHistory = viewer.getByTestId('client-messages').getByTestId('message-history');
    // The owner's two notes, by sync; and only them.
    await manualLines(viewerHistory, viewer).nth(1).waitFor({ timeout: 30_000 });
    expect(await manualLines(viewerHistory, viewer).count()).toBe(2);
    await viewerContext.close();
    await context.close();
  }, 240_000);

  it('opens WhatsApp on the client’s WhatsApp number, not the phone, and the note names that number; WhatsApp alone is enough', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    await context.route(/^https:\/\/wa\.me\//, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp' }));
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    const appUrl = `${suite.server.url}/app/`;
    await f.signUp(page, appUrl, SECOND);
    await f.finishSetup(page, { city: 'Porto-Novo', capacity: '10' });
    const koffiId = await addClientWithWhatsApp(page, KOFFI);
    const koffiOrder = await readyOrder(page, koffiId);
    const rosineId = await addClientWithWhatsApp(page, ROSINE);
    await readyOrder(page, rosineId);

    await page.goto(`${appUrl}#/today`);
    const ready = page.getByTestId('ready-orders');
    const reminder = ready.getByRole('link', { name: `Rappel WhatsApp à ${KOFFI.name}`, exact: true });
    await reminder.waitFor({ timeout: 10_000 });
    const href = (await reminder.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^https://wa\\.me/${KOFFI.whatsappDigits}\\?text=`));
    expect(decodeURIComponent(new URL(href).searchParams.get('text')!)).toContain(`Bonjour ${KOFFI.name}, votre commande n° ${koffiOrder}`);
    // A client with only a WhatsApp number gets the reminder too, on that number.
    const rosineReminder = ready.getByRole('link', { name: `Rappel WhatsApp à ${ROSINE.name}`, exact: true });
    expect(await rosineReminder.getAttribute('href')).toMatch(new RegExp(`^https://wa\\.me/${ROSINE.whatsappDigits}\\?text=`));
    expect(await ready.getByText('Pas de numéro').count()).toBe(0);

    const opened = await clickWhatsApp(page, reminder);
    if (opened !== null) expect(opened).toBe(href);

    // The note in Koffi's history names the number the link opened, the WhatsApp one.
    await page.goto(`${appUrl}#/clients/${koffiId}`);
    const noted = manualLines(page.getByTestId('client-messages').getByTestId('message-history'), page);
    await noted.first().waitFor({ timeout: 10_000 });
    expect(await noted.count()).toBe(1);
    const line = (await noted.textContent())!;
    expect(line).toContain(`votre commande n° ${koffiOrder}`);
    const recorded = /WhatsApp à (\+[\d ]+\d)/.exec(line)?.[1];
    expect(recorded).toBe(KOFFI.whatsappShown);
    expect(recorded!.replace(/\D/g, '')).toBe(new URL(href).pathname.slice(1));
    expect(line).not.toContain(KOFFI.phoneShown);
    await screenshot(page, 'messages-today-whatsapp-number');
    await context.close();
  }, 240_000);
});
