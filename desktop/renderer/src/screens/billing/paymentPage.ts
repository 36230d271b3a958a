/**
 * Paying: a checkout at the cloud, then FedaPay's payment page. In the browser the tab is opened
 * at once, in the click (a tab opened after an await is taken for a popup and blocked), and sent
 * to the page when the cloud answers; in Electron the host opens it in the system's browser.
 * Then the checkout's status is asked until FedaPay has confirmed (the host syncs as soon as it
 * has, so the banner goes by the synced subscription row).
 */
import { host } from '../../host/host.js';
import type { ChannelInput, CheckoutResult } from '../../../../../shared/host/channels.js';
import { checkoutOutcome, type CheckoutOutcome } from './billingRules.js';

/** Call it synchronously in the click handler: opens the tab (browser) and returns the checkout. */
export function startPayment(body: ChannelInput<'billing.checkout'>): Promise<{ checkout: CheckoutResult; opened: boolean }> {
  const electron = Boolean(window.styliste);
  // Not 'noopener': the handle is needed to send the tab on; its opener is cut just after.
  const tab = electron ? null : window.open('', '_blank');
  if (tab) tab.opener = null;
  return (async () => {
    try {
      const checkout = await host.invoke('billing.checkout', body);
      if (electron) {
        await host.invoke('billing.openExternal', { url: checkout.url });
        return { checkout, opened: true };
      }
      if (tab && !tab.closed) {
        tab.location.href = checkout.url;
        return { checkout, opened: true };
      }
      return { checkout, opened: false };
    } catch (error) {
      tab?.close();
      throw error;
    }
  })();
}

/** Asks the checkout's status every `intervalMs` until it settles, `signal` aborts, or `timeoutMs` passes. */
export async function waitForPayment(checkoutId: string, signal: AbortSignal, intervalMs = 2_000, timeoutMs = 30 * 60_000): Promise<CheckoutOutcome> {
  const until = Date.now() + timeoutMs;
  while (!signal.aborted && Date.now() < until) {
    try {
      const outcome = checkoutOutcome((await host.invoke('billing.checkoutStatus', { checkoutId })).status);
      if (outcome !== 'waiting') return outcome;
    } catch {
      /* offline for a moment: ask again */
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return 'waiting';
}

/** Saves a receipt (PDF) the host fetched: a download of its bytes, named as the cloud names it. */
export async function downloadReceipt(paymentId: string): Promise<void> {
  const file = await host.invoke('billing.receipt', { paymentId });
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
