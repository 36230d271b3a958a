/**
 * A real cloud whose payments go to the loopback FedaPay (cloud/providers/testing/fedapayLoopback.ts,
 * the official SDK's wire format): its payment page approves the transaction, sends FedaPay's
 * signed webhook to this cloud, and brings the payer back to the cloud's return page. And the
 * one write of a subscription (saveSubscription) for a test to put a workshop past due or
 * suspended, the way the lifecycle sweep does.
 */
import { startTestServer, type TestServer } from '../cloud/testing/testServer.js';
import { startFedaPayLoopback, type FedaPayLoopback } from '../cloud/providers/testing/fedapayLoopback.js';
import { readSubscription, saveSubscription } from '../cloud/billing/subscriptionsSql.js';
import type { SubscriptionState } from '../shared/billing/lifecycle.js';

export const FEDAPAY = { secretKey: 'sk_sandbox_styliste-e2e-0123456789', webhookSecret: 'wh_sandbox_styliste-e2e-0123456789' };

export interface BillingServer extends TestServer {
  fedapay: FedaPayLoopback;
}

export async function startBillingServer(env: Record<string, string> = {}): Promise<BillingServer> {
  const fedapay = await startFedaPayLoopback(FEDAPAY.secretKey);
  const server = await startTestServer({
    FEDAPAY_SECRET_KEY: FEDAPAY.secretKey,
    FEDAPAY_WEBHOOK_SECRET: FEDAPAY.webhookSecret,
    FEDAPAY_ENVIRONMENT: 'sandbox',
    FEDAPAY_BASE_URL: fedapay.url,
    ...env,
  });
  // The return page (callback_url) and the webhook are this server's: its port is known only now.
  (server.ctx.config as { publicUrl: string }).publicUrl = server.url;
  fedapay.webhook = { url: `${server.url}/api/webhooks/fedapay`, secret: FEDAPAY.webhookSecret };
  return {
    ...server,
    fedapay,
    async close() {
      await server.close();
      await fedapay.close();
    },
  };
}

/** Rewrites a workshop's subscription (the table row and the synced row), as the lifecycle sweep would. */
export async function setSubscription(server: TestServer, workshopId: string, patch: Partial<SubscriptionState>): Promise<SubscriptionState> {
  const { plans } = await server.ctx.services.billing.catalogue.read();
  return server.ctx.db.withWorkshop(workshopId, async (tx) => {
    const state = await readSubscription(tx, workshopId, { forUpdate: true });
    if (!state) throw new Error(`no subscription for ${workshopId}`);
    const next = { ...state, ...patch };
    await saveSubscription(server.ctx.services.serverWrites, tx, workshopId, next, plans, server.ctx.now());
    return next;
  });
}
