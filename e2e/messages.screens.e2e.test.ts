/**
 * The message screens in Chromium, against a real cloud whose providers are the official SDKs
 * pointed at loopbacks (the dispatcher runs): the composer's cost while typing with GSM-7 on and
 * off, a message written offline waiting ("en attente") and leaving with the next sync, a cancel
 * while waiting, the credits offline, a template saved and used by the order's composer, a staff
 * member who cannot edit templates, and a message refused by the provider in "needs attention".
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, waitUntil } from './support.js';
import * as f from './flows.js';
import { dispatchSuite } from './dispatchSuite.js';

const suite = dispatchSuite();
const OWNER = { workshop: 'Atelier Sika Couture', owner: 'Sika Adjovi', phone: '01 97 44 33 21', password: 'pret-a-porter-2026' };
const AICHA = { name: 'Aïcha Dossou', phone: '01 62 10 20 30', e164: '+2290162102030' };
const KOFFI = { name: 'Koffi Mensah', phone: '01 62 10 20 31', e164: '+2290162102031' };
const PHRASE = 'Aïcha, votre tenue est prête';

/** The element once it matches `selector` too (an attribute the screen settles on). */
const settled = (locator: Locator, page: Page, selector: string) => locator.and(page.locator(selector)).waitFor({ timeout: 10_000 });

const sync = f.syncNow;

/** Syncs until the message shows `status` (the hub sends it in the background). */
async function syncUntilStatus(page: Page, messageId: string, status: string): Promise<void> {
  const line = page.locator(`[data-testid="message"][data-message-id="${messageId}"]`);
  await waitUntil(`message ${messageId} ${status}`, async () => {
    if ((await line.getAttribute('data-status')) === status) return true;
    await sync(page);
    return (await line.getAttribute('data-status')) === status ? true : undefined;
  });
}

describe('messages to clients, in the app', () => {
  it('composer, cost, offline queue and cancel, templates, staff, failures', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    const appUrl = `${suite.server.url}/app/`;
    await f.signUp(page, appUrl, OWNER);
    await f.finishSetup(page, { city: 'Cotonou', capacity: '10' });
    const clientId = await f.addClient(page, AICHA);

    // ── The cost while typing, GSM-7 on (the default): the SMS loses the accents GSM-7 lacks. ──
    let composer = page.getByTestId('composer');
    const body = composer.getByLabel('Message', { exact: true });
    await body.pressSequentially(PHRASE);
    await composer.getByTestId('message-preview').filter({ hasText: /^Aicha, votre tenue est prete$/ }).waitFor({ timeout: 10_000 });
    await settled(composer.getByTestId('cost-meter'), page, '[data-encoding="GSM-7"][data-parts="1"][data-credits="1"][data-characters="28"]');
    expect(await composer.getByTestId('cost-non-gsm').count()).toBe(0);
    expect(await composer.getByTestId('cost-gsm7').textContent()).toContain('ï → i');
    expect(await composer.getByTestId('credits-balance').getAttribute('data-balance')).toBe('50');
    await screenshot(page, 'messages-composer-gsm7');

    // ── GSM-7 off: the settings say what the SMS becomes, and the composer names ï and ê. ──
    await page.goto(`${appUrl}#/settings/messages`);
    const gsm7 = page.getByLabel('SMS sans les accents que l’alphabet SMS n’a pas (GSM-7)');
    expect(await gsm7.isChecked()).toBe(true);
    expect(await page.getByTestId('gsm7-example').textContent()).toBe('Avec ce réglage, « Aïcha, votre tenue est prête » devient « Aicha, votre tenue est prete ».');
    await gsm7.uncheck();
    await page.getByTestId('gsm7-example').filter({ hasText: 'Sans ce réglage' }).waitFor();
    await page.goto(`${appUrl}#/clients/${clientId}`);
    composer = page.getByTestId('composer');
    await composer.getByLabel('Message', { exact: true }).pressSequentially(PHRASE);
    await composer.getByTestId('message-preview').filter({ hasText: /^Aïcha, votre tenue est prête$/ }).waitFor({ timeout: 10_000 });
    await settled(composer.getByTestId('cost-meter'), page, '[data-encoding="UCS-2"][data-parts="1"][data-credits="1"][data-characters="28"]');
    expect(await composer.getByTestId('cost-non-gsm').textContent()).toContain('2 caractères hors GSM : ï ê — 70 caractères par SMS au lieu de 160');
    // Past 70 characters in UCS-2, a second part (67 each), a second credit.
    const more = ' Merci et a bientot chez nous, a Cotonou, pour les essayages.';
    await composer.getByLabel('Message', { exact: true }).pressSequentially(more);
    await settled(composer.getByTestId('cost-meter'), page, `[data-encoding="UCS-2"][data-parts="2"][data-credits="2"][data-characters="${PHRASE.length + more.length}"]`);
    await screenshot(page, 'messages-composer-ucs2');

    // ── Offline: the message waits on the device, and a second one is cancelled. ──
    await f.appCached(page);
    await context.setOffline(true);
    await composer.getByLabel('Message', { exact: true }).fill(PHRASE);
    await composer.getByTestId('message-preview').filter({ hasText: /^Aïcha, votre tenue est prête$/ }).waitFor();
    await composer.getByRole('button', { name: 'Envoyer' }).click();
    await composer.getByTestId('composer-done').filter({ hasText: 'Message en attente : il partira à la prochaine synchronisation.' }).waitFor();
    const history = page.getByTestId('client-messages').getByTestId('message-history');
    const waiting = history.getByTestId('message').filter({ hasText: PHRASE });
    await settled(waiting, page, '[data-status="queued"]');
    expect(await waiting.getByTestId('message-status').textContent()).toBe('en attente');
    const sentId = (await waiting.getAttribute('data-message-id'))!;

    await composer.getByLabel('Message', { exact: true }).fill('Finalement, ne venez pas.');
    await composer.getByTestId('message-preview').filter({ hasText: 'Finalement' }).waitFor();
    await composer.getByRole('button', { name: 'Envoyer' }).click();
    const unwanted = history.getByTestId('message').filter({ hasText: 'Finalement' });
    await settled(unwanted, page, '[data-status="queued"]');
    const cancelledId = (await unwanted.getAttribute('data-message-id'))!;
    await unwanted.getByRole('button', { name: 'Annuler' }).click();
    await unwanted.getByRole('alertdialog', { name: 'Annuler ce message ? Il ne partira pas.' }).getByRole('button', { name: 'Oui, annuler' }).click();
    await settled(unwanted, page, '[data-status="cancelled"]');
    expect(await unwanted.getByTestId('message-status').textContent()).toBe('annulé');
    expect(await unwanted.getByRole('button', { name: 'Annuler' }).count()).toBe(0);

    // Reopened in the power cut: the credits are the last balance known, with its date.
    await page.reload();
    const credits = page.getByTestId('composer').getByTestId('credits-balance');
    await settled(credits, page, '[data-live="false"]');
    expect(await credits.textContent()).toMatch(/^Crédits : 50 \(dernier solde connu, le .+\)$/);
    expect(suite.server.at.sent).toHaveLength(0);
    await screenshot(page, 'messages-offline');

    // ── Back online: the waiting message leaves once; the cancelled one never does. ──
    await context.setOffline(false);
    await sync(page);
    const sms = await waitUntil('the SMS at Africa’s Talking', () => suite.server.at.sent.find((m) => m.to === AICHA.e164));
    expect(sms.message).toBe(PHRASE);
    await syncUntilStatus(page, sentId, 'sent');
    expect(await page.locator(`[data-message-id="${sentId}"]`).getByTestId('message-status').textContent()).toBe('envoyé');
    expect(await page.locator(`[data-message-id="${cancelledId}"]`).getAttribute('data-status')).toBe('cancelled');
    expect(suite.server.at.sent.filter((m) => m.to === AICHA.e164)).toHaveLength(1);

    // ── A template saved on the settings: its preview uses a real order, the order's composer uses it. ──
    const orderId = await f.createOrder(page, clientId, { garment: 'Kaba', price: '15000', deposit: '5000' });
    const orderNumber = (await page.getByTestId('order-number').textContent())!.trim();
    await page.goto(`${appUrl}#/settings/messages`);
    const ready = page.getByTestId('template-order_ready');
    const text = ready.getByLabel('Texte du message');
    await text.fill('Bonne nouvelle ');
    await ready.getByRole('button', { name: 'Insérer {client} (nom du client)' }).click();
    await text.press('End');
    await text.pressSequentially(', votre tenue {numero} est prête. Solde : {solde}.');
    await ready.getByTestId('template-preview').filter({ hasText: `Bonne nouvelle Aïcha Dossou, votre tenue ${orderNumber} est prête. Solde : 10 000 FCFA.` }).waitFor({ timeout: 10_000 });
    await ready.getByRole('button', { name: 'Enregistrer' }).click();
    await ready.getByText('Modèle enregistré.').waitFor();
    await page.reload();
    const saved = 'Bonne nouvelle {client}, votre tenue {numero} est prête. Solde : {solde}.';
    await waitUntil('the saved template', async () => ((await page.getByTestId('template-order_ready').getByLabel('Texte du message').inputValue()) === saved ? true : undefined));
    await screenshot(page, 'messages-settings');

    await page.goto(`${appUrl}#/orders/${orderId}`);
    const orderComposer = page.getByTestId('order-messages').getByTestId('composer');
    await orderComposer.getByLabel('Partir d’un modèle').selectOption({ label: 'Commande prête' });
    await orderComposer.getByTestId('message-preview').filter({ hasText: `Bonne nouvelle Aïcha Dossou, votre tenue ${orderNumber} est prête. Solde : 10 000 FCFA.` }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'messages-order');

    // ── The tracking link, revoked after a confirmation: the old one is gone once synced. ──
    const tracking = page.getByTestId('tracking-link');
    const oldLink = (await tracking.getByTestId('tracking-url').textContent())!;
    expect(oldLink).toMatch(new RegExp(`^${suite.server.url}/t/[A-Za-z0-9_-]{16,}$`));
    await sync(page);
    expect((await fetch(oldLink)).status).toBe(200);
    await tracking.getByRole('button', { name: 'Révoquer le lien de suivi' }).click();
    await tracking.getByRole('alertdialog').getByRole('button', { name: 'Oui, révoquer' }).click();
    await tracking.getByText('Nouveau lien créé').waitFor();
    const newLink = await waitUntil('the new tracking link', async () => {
      const shown = (await tracking.getByTestId('tracking-url').textContent())!;
      return shown !== oldLink ? shown : undefined;
    });
    await sync(page);
    expect((await fetch(oldLink)).status).toBe(404);
    expect((await fetch(newLink)).status).toBe(200);

    // ── A staff member sees the templates and the credits, and is told why they cannot edit them. ──
    await page.goto(`${appUrl}#/team`);
    await page.getByLabel('Téléphone').fill('01 97 44 33 29');
    await page.getByLabel('Nom', { exact: true }).fill('Rodrigue Ahounou');
    await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Employé' });
    await page.getByRole('button', { name: 'Créer l’invitation' }).click();
    const code = /Code d’invitation : (\d{6})/.exec((await page.getByTestId('invite-code').textContent()) ?? '')![1]!;
    const staffContext = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    const staff = await staffContext.newPage();
    await staff.goto(appUrl);
    await staff.getByRole('tab', { name: 'J’ai un code d’invitation' }).click();
    await staff.getByLabel('Code d’invitation (6 chiffres)').fill(code);
    await staff.getByLabel('Téléphone').fill('01 97 44 33 29');
    await staff.getByLabel('Mot de passe').fill('employe-2026-sika');
    await staff.getByRole('button', { name: 'J’ai un code d’invitation' }).last().click();
    await staff.waitForURL(/#\/today/, { timeout: 60_000 });
    await staff.goto(`${appUrl}#/settings/messages`);
    expect(await staff.getByTestId('templates-read-only').textContent()).toBe(
      'Seul le propriétaire de l’atelier peut modifier les messages automatiques, leurs textes et ces réglages. Vous pouvez les consulter.',
    );
    const staffReady = staff.getByTestId('template-order_ready');
    await waitUntil('the template by sync', async () => ((await staffReady.getByLabel('Texte du message').inputValue()) === saved ? true : undefined));
    expect(await staffReady.getByLabel('Texte du message').isDisabled()).toBe(true);
    expect(await staffReady.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    expect(await staff.getByLabel('SMS sans les accents que l’alphabet SMS n’a pas (GSM-7)').isDisabled()).toBe(true);
    await settled(staff.getByTestId('credits-card').getByTestId('credits-balance'), staff, '[data-live="true"]');
    await screenshot(staff, 'messages-settings-staff');
    await staffContext.close();

    // ── A number the provider refuses: the message fails with its reason, in "needs attention". ──
    suite.server.at.recipientStatus.set(KOFFI.e164, 'UserInBlacklist');
    const koffiId = await f.addClient(page, KOFFI);
    composer = page.getByTestId('composer');
    await composer.getByLabel('Message', { exact: true }).fill('Bonjour Koffi, votre boubou est prêt.');
    await composer.getByTestId('message-preview').filter({ hasText: 'Bonjour Koffi' }).waitFor();
    await composer.getByRole('button', { name: 'Envoyer' }).click();
    const failedLine = page.getByTestId('client-messages').getByTestId('message').first();
    await settled(failedLine, page, '[data-status="queued"]');
    const failedId = (await failedLine.getAttribute('data-message-id'))!;
    await syncUntilStatus(page, failedId, 'failed');
    const reason = 'Le destinataire a refusé les messages de cet expéditeur (liste noire ou « STOP »).';
    expect(await failedLine.getByTestId('message-failure').textContent()).toBe(`Raison : ${reason}`);
    await page.getByTestId('attention-toggle').filter({ hasText: '1 message non envoyé' }).click();
    const attention = page.getByTestId('needs-attention').getByTestId('failed-message');
    await attention.first().waitFor();
    expect(await attention.count()).toBe(1);
    expect(await attention.textContent()).toContain(`SMS à Koffi Mensah (Message libre,`);
    expect(await attention.textContent()).toContain(`non envoyé : ${reason}`);
    expect(await attention.getByRole('link', { name: 'Voir' }).getAttribute('href')).toBe(`#/clients/${koffiId}`);
    // The failed send was refunded: one SMS spent in all.
    await page.goto(`${appUrl}#/settings/messages`);
    await settled(page.getByTestId('credits-card').getByTestId('credits-balance'), page, '[data-live="true"][data-balance="49"]');
    await screenshot(page, 'messages-needs-attention');

    // ── The free WhatsApp button is noted in the client's history; the client may refuse messages. ──
    await context.route(/^https:\/\/wa\.me\//, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp' }));
    await page.goto(`${appUrl}#/clients/${clientId}`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'WhatsApp', exact: true }).click()]);
    expect(popup.url()).toMatch(/^https:\/\/wa\.me\/2290162102030\?text=/);
    await popup.close();
    const manual = page.getByTestId('client-messages').getByTestId('message').and(page.locator('[data-status="manual"]'));
    await manual.waitFor({ timeout: 10_000 });
    expect(await manual.getByTestId('message-status').textContent()).toBe('ouvert dans WhatsApp');
    expect(await manual.textContent()).toContain('Bonjour Aïcha Dossou, ici Atelier Sika Couture.');
    const optOut = page.getByLabel('Le client ne veut pas de messages');
    await optOut.check();
    await page.reload();
    await waitUntil('the opt-out kept', async () => ((await page.getByLabel('Le client ne veut pas de messages').isChecked()) ? true : undefined));
    await page.getByTestId('composer').getByLabel('Message', { exact: true }).fill('Bonjour');
    await page.getByTestId('composer').getByText('Ce client a demandé à ne pas recevoir de messages').waitFor();

    // The message screens fit a 360 px phone.
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of [`clients/${clientId}`, `orders/${orderId}`, 'settings/messages']) {
      await page.goto(`${appUrl}#/${path}`);
      await page.getByTestId(path.startsWith('settings') ? 'template-order_ready' : 'composer').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(1);
    }
    await screenshot(page, 'messages-settings-360');
    await context.close();
  }, 300_000);
});
