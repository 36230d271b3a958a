/**
 * The composition root: every service of the cloud is built here, once per server, and reaches
 * the routes and the jobs through the context (`ctx.services`), so both use the same instances.
 */
import type { CloudContext } from './context.js';
import { createStorage } from './files/storage.js';
import { Uploads } from './files/uploads.js';
import { ServerWriter } from './sync/serverWrite.js';
import { SyncService } from './sync/service.js';
import { AccountService } from './auth/accountService.js';
import { TeamService } from './auth/teamService.js';
import { DeviceService } from './auth/deviceService.js';
import { createAuthLimiters, type AuthLimiters } from './auth/loginLimits.js';
import { createProviders, type Providers } from './providers/providers.js';
import { createJobs, type Jobs } from './jobs/jobs.js';
import { registerPurgeUploads } from './jobs/purgeUploads.js';
import { MessageDispatcher } from './notifications/dispatcher.js';
import { registerMessageDispatch } from './notifications/register.js';
import { MessagesService } from './notifications/messagesService.js';
import { registerReminders } from './notifications/reminders/reminders.js';
import { BillingService } from './billing/billingService.js';
import { Catalogue } from './billing/catalogue.js';
import { registerBillingLifecycle } from './billing/lifecycle/register.js';
import { CheckoutService } from './billing/checkoutService.js';
import { DirectoryService } from './directory/service.js';
import { AdminSignIn } from './admin/signIn.js';

export interface Services {
  /** Server-side writes into workshop rows (through the hub write function). */
  serverWrites: ServerWriter;
  /** Photos: resumable uploads, storage, the clean-up of abandoned uploads. */
  uploads: Uploads;
  /** The sync hub: push and pull. */
  sync: SyncService;
  /** Sign-in and invitation-code rate limits, shared by every instance on one Postgres. */
  authLimits: AuthLimiters;
  /** Accounts and sessions: signup, login, refresh, logout. */
  accounts: AccountService;
  /** The workshop's team: members, roles, invitations. */
  team: TeamService;
  /** The workshop's devices and their codes. */
  devices: DeviceService;
  /** SMS, WhatsApp, email and payments: the official SDKs, or the development outbox without credentials. */
  providers: Providers;
  /** Messages to clients: credits, and the hand-over of new messages to the dispatcher. */
  messages: MessagesService;
  /** Subscriptions: plans, the trial, checkout, payments, the lifecycle (cloud/billing). */
  billing: BillingService;
  /** Paying: checkout, the FedaPay webhook's and the return page's exactly-once settlement (cloud/billing/checkoutService.ts). */
  billingPayments: CheckoutService;
  /** The public directory: the listing derived at push, search, profiles by slug, the sitemap (cloud/directory). */
  directory: DirectoryService;
  /** Platform admins' sign-in: password, TOTP, recovery codes, sessions (cloud/admin). */
  adminSignIn: AdminSignIn;
  /** The job that sends one message (checks, credits, provider, status by server write). */
  dispatcher: MessageDispatcher;
  /**
   * The job queue and the schedules (defined here, before they start). `startServer` starts them
   * and stops them at shutdown; test servers leave them stopped unless a test starts them.
   */
  jobs: Jobs;
}

export function createServices(ctx: Omit<CloudContext, 'services'>): Services {
  const serverWrites = new ServerWriter(ctx.clock);
  // A failing rate-limit store is logged by its code (never its statement's values); each instance then counts alone.
  const authLimits = createAuthLimiters(ctx.db, ctx.config.jwtSecret, (error) =>
    ctx.logger.warn({ code: (error as { code?: unknown } | null)?.code }, 'rate-limit store unavailable: counting in memory'),
  );
  const catalogue = new Catalogue(ctx.db);
  const billing = new BillingService(ctx, serverWrites, catalogue);
  const accounts = new AccountService(ctx, serverWrites, authLimits, billing);
  const uploads = new Uploads(ctx, createStorage(ctx.config));
  const jobs = createJobs({ db: ctx.db, logger: ctx.logger, now: ctx.now, ...ctx.tuning?.jobs });
  registerPurgeUploads(jobs, (before) => uploads.purgeStale(before));
  const providers = createProviders(ctx.config, ctx.logger, ctx.tuning?.providers);
  const dispatcher = new MessageDispatcher({ ...ctx, serverWrites, providers }, ctx.tuning?.messages);
  registerMessageDispatch(jobs, dispatcher);
  const messages = new MessagesService(ctx, jobs);
  const directory = new DirectoryService(ctx);
  registerBillingLifecycle(jobs, { ctx, writer: serverWrites, providers, catalogue });
  registerReminders(jobs, { db: ctx.db, writer: serverWrites, publicUrl: ctx.config.publicUrl, enqueue: (items) => messages.enqueue(items) });
  return {
    serverWrites,
    uploads,
    sync: new SyncService(ctx, {
      messagesQueued: (workshopId, ids) => messages.queued(workshopId, ids),
      directoryChanged: (tx, workshopId) => directory.refresh(tx, workshopId),
    }),
    authLimits,
    accounts,
    team: new TeamService(ctx, serverWrites, accounts, authLimits),
    devices: new DeviceService(ctx),
    providers,
    messages,
    billing,
    directory,
    billingPayments: new CheckoutService(ctx, catalogue, serverWrites, providers),
    adminSignIn: new AdminSignIn(ctx),
    dispatcher,
    jobs,
  };
}
