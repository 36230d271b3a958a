/**
 * The payment page (FedaPay's) in the system's browser: the host service gives only the address a
 * checkout of this session returned (shared/host/billingChannels.ts); this checks it once more
 * (http or https, no credentials) before handing it to the system.
 */
import { isPaymentPageUrl } from '../../shared/host/billingChannels.js';

export function paymentPageOpener(openExternal: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    if (!isPaymentPageUrl(url)) return;
    await openExternal(url);
  };
}
