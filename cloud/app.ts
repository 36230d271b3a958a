/**
 * The Express app factory (no listen): security headers, CORS allow-list, compression, JSON body
 * limits, request ids and logs, metrics, the API areas, the OpenAPI document and JSON errors.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Counter, Histogram } from 'prom-client';
import type { CloudContext } from './context.js';
import { errorHandler, HttpError, message, requestLocale } from './http/errors.js';
import { openApiDocument } from './http/openapi.js';
import { logSerializers } from './http/logging.js';
import { refuseUnsafeBody, refuseUnsafeUrl } from './http/safeJson.js';
import { methodNotAllowed } from './http/methods.js';
import { mountDevOutbox } from './providers/outboxRoutes.js';
import { mountAuth } from './auth/routes.js';
import { mountSync, mountSyncReads } from './sync/routes.js';
import { registerSyncStateGauges } from './sync/cacheGauges.js';
import { mountFiles } from './files/routes.js';
import { mountNotifications } from './notifications/routes.js';
import { mountBilling } from './billing/routes.js';
import { mountFedaPayWebhook } from './billing/webhookRoutes.js';
import { mountReturnPage } from './billing/returnPage.js';
import { mountWebApp } from './web/appRoutes.js';
import { mountAdminPortal } from './web/adminRoutes.js';
import { mountTracking } from './tracking/routes.js';
import { mountDirectoryApi } from './directory/routes.js';
import { mountDirectoryAudience } from './directory/audience/routes.js';
import { mountDirectoryPages } from './web/directory/routes.js';
import { mountAdmin } from './admin/routes.js';
import { mountSupportAccess } from './admin/support/ownerRoutes.js';

export const VERSION = '0.1.0';

export function createApp(ctx: CloudContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', 'loopback');

  collectDefaultMetrics({ register: ctx.metrics });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [ctx.metrics] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [ctx.metrics],
  });

  registerSyncStateGauges(ctx);

  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // No SQL parameters, no Postgres detail, no query-string values in the logs (http/logging.ts).
      serializers: logSerializers,
    }),
  );
  app.use((req, res, next) => {
    const stop = duration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      stop({ route });
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  // HTML pages get helmet's full set of headers; API answers (JSON, never rendered) keep only
  // nosniff, so a sync with nothing to do stays a few hundred bytes over mobile data.
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // The app runs SQLite compiled to WASM in a worker, and shows photos from blob: URLs.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'"],
        // The directory's position picker shows OpenStreetMap tiles (screens/directory).
        imgSrc: ["'self'", 'data:', 'blob:', 'https://*.tile.openstreetmap.org'],
        connectSrc: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.use((req, res, next) => {
    if (!req.path.startsWith('/api/')) return pageHeaders(req, res, next);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // CORS only concerns requests that come from a page of another origin (they carry Origin);
  // the apps' own requests skip it, and with it a Vary header on every answer.
  const corsForOrigins = cors({
    origin: (origin, done) => done(null, !origin || ctx.config.corsOrigins.includes(origin)),
    credentials: false,
    maxAge: 86_400,
  });
  app.use((req, res, next) => (req.headers.origin ? corsForOrigins(req, res, next) : next()));
  // Sync, by far the most frequent request, answers for itself (http/leanJson.ts: its own
  // compression, no Vary): it is mounted ahead of the compression middleware and the JSON parser,
  // and parses its body only once the token is checked.
  // No NUL or lone surrogate in any path or query string, sync's included (http/safeJson.ts).
  app.use(refuseUnsafeUrl());
  const syncApi = Router();
  mountSync(syncApi, ctx);
  // FedaPay's webhook reads its raw body (the signature is over the bytes as sent): ahead of the JSON parser.
  mountFedaPayWebhook(syncApi, ctx);
  app.use('/api', syncApi);
  app.use(compression({ threshold: 512 }));
  app.use(express.json({ limit: ctx.config.bodyLimit }));
  // No NUL or lone surrogate anywhere in a body; bounded nesting (http/safeJson.ts).
  app.use(refuseUnsafeBody());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.contentType).send(await ctx.metrics.metrics());
  });

  const api = Router();
  mountAuth(api, ctx);
  mountSyncReads(api, ctx);
  mountFiles(api, ctx);
  mountNotifications(api, ctx);
  mountBilling(api, ctx);
  mountDirectoryApi(api, ctx);
  mountAdmin(api, ctx);
  mountSupportAccess(api, ctx);
  // The directory's counting routes (/s/<slug>/…) and the owner's statistics, before the pages' /s/<slug>.
  mountDirectoryAudience(app, api, ctx);
  app.use('/api', api);
  // The public directory's pages: /annuaire, /annuaire/<ville>, /s/<slug>, sitemap.xml, robots.txt.
  mountDirectoryPages(app, ctx);
  // The tracking links' page, /t/<token> (HTML, its own CSP; cloud/tracking/routes.ts).
  mountTracking(app, ctx);
  // The page FedaPay brings the payer back to: it waits for the payment's confirmation.
  mountReturnPage(app, ctx);
  mountAdminPortal(app);
  mountWebApp(app);

  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(ctx.api, VERSION));
  });

  // What the providers would have sent without credentials (never in production).
  if (ctx.config.env !== 'production') mountDevOutbox(app, ctx);
  app.use(methodNotAllowed(ctx.api));
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', message('not_found', requestLocale(req)))));
  app.use(errorHandler);
  return app;
}
