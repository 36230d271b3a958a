/** Steps a tailor takes in the app, driven by their French labels (shared by the e2e tests). */
import type { Locator, Page } from 'playwright-core';

export async function signUp(page: Page, appUrl: string, who: { workshop: string; owner: string; phone: string; password: string }): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('tab', { name: 'Créer mon atelier' }).click();
  await page.getByLabel('Nom de l’atelier').fill(who.workshop);
  await page.getByLabel('Votre nom').fill(who.owner);
  await page.getByLabel('Téléphone').fill(who.phone);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Créer mon atelier' }).last().click();
  await page.waitForURL(/#\/setup/, { timeout: 60_000 });
}

export async function logIn(page: Page, appUrl: string, identifier: string, password: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('Téléphone ou e-mail').fill(identifier);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).last().click();
  await page.waitForURL(/#\/today/, { timeout: 60_000 });
}

export async function finishSetup(page: Page, settings: { city: string; capacity: string }): Promise<void> {
  await page.getByLabel('Ville').fill(settings.city);
  await page.getByLabel(/^Capacité/).fill(settings.capacity);
  await page.getByRole('button', { name: 'Terminer et ouvrir l’atelier' }).click();
  await page.waitForURL(/#\/today/);
}

export async function addClient(page: Page, client: { name: string; phone: string }): Promise<string> {
  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Nouveau client' }).click();
  await page.getByLabel('Nom du client').fill(client.name);
  await page.getByLabel('Téléphone', { exact: true }).fill(client.phone);
  await page.getByRole('button', { name: 'Enregistrer le client' }).click();
  await page.waitForURL(/#\/clients\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

export async function takeMeasurements(page: Page, clientId: string, garment: string, values: Record<string, string>): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, `#/clients/${clientId}/measurements`));
  await page.getByLabel('Modèle (type de vêtement)').selectOption({ label: garment });
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Enregistrer les mesures' }).click();
  await page.getByText('Mesures enregistrées').waitFor();
}

export async function createOrder(page: Page, clientId: string, order: { garment: string; price: string; deposit?: string }): Promise<string> {
  await page.goto(page.url().replace(/#.*$/, `#/orders/new?client=${clientId}`));
  await page.getByLabel('Vêtement').selectOption({ label: order.garment });
  await page.getByLabel('Prix (FCFA)').fill(order.price);
  if (order.deposit) await page.getByLabel('Acompte versé (FCFA)').fill(order.deposit);
  await page.getByRole('button', { name: 'Créer la commande' }).click();
  await page.waitForURL(/#\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  return page.url().split('/').pop()!;
}

export async function moveTo(page: Page, status: string): Promise<void> {
  await page.getByRole('button', { name: `Passer à « ${status} »` }).click();
  await page.getByTestId('order-status').filter({ hasText: status }).waitFor({ timeout: 10_000 });
}

export async function recordPayment(page: Page, amount?: string): Promise<void> {
  if (amount) await page.getByLabel('Montant reçu (FCFA)').fill(amount);
  await page.getByRole('button', { name: 'Enregistrer le paiement' }).click();
  await page.getByText(/Paiement enregistré|Commande entièrement payée/).first().waitFor();
}

export function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^\d-]/g, ''));
}

/**
 * The amount a screen shows once it has settled on `expected` (a balance is re-read after the
 * command that changed it, a moment after the confirmation): the last amount read when it does
 * not get there in time, so the test's expectation reports what the screen really shows.
 */
export async function amountOf(locator: Locator, expected: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = digits(await locator.textContent());
    if (shown === expected || Date.now() > deadline) return shown;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the service worker has cached the app and controls the page (it opens offline). */
export async function appCached(page: Page): Promise<void> {
  const ok = await page.evaluate(async () => {
    const deadline = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000));
    const ready = (async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
      return true;
    })();
    return Promise.race([ready, deadline]);
  });
  if (!ok) throw new Error('The service worker did not take control of the page within 30 s (app not cached).');
}

/** Syncs now with the bar's button and waits until nothing is left to send. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Synchroniser' }).click();
  await page.getByTestId('syncbar').and(page.locator('[data-pending="0"][data-status="idle"]')).waitFor({ timeout: 30_000 });
}
