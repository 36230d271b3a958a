/**
 * Reading the audit log (DESIGN "Admin portal"), for a signed-in admin:
 * - GET /api/admin/audit?action=&admin=&workshop=&target=&from=&to=&page=   newest first, 50 per page
 * - GET /api/admin/audit.csv?<the same filters>                             every matching entry (100,000 at most), streamed
 * The export is itself written to the log, with its filters. The log is insert-only in the
 * database (db/adminSchema.ts): nothing here or anywhere can change an entry.
 */
import { once } from 'node:events';
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { localDay } from '../../../shared/directory/audienceRules.js';
import { writeAudit } from '../auditSql.js';
import { auditBatch, auditPage } from './auditQuerySql.js';
import { auditCsvFileName, auditCsvHead, auditCsvLine } from './csv.js';
import { AUDIT_EXPORT_MAX, AUDIT_PAGE_SIZE, AUDIT_TIME_ZONE, auditExportQuerySchema, auditPageSchema, auditQuerySchema } from './schemas.js';

const BATCH = 1_000;

export function mountAdminAudit(router: Router, ctx: CloudContext): void {
  const tag = 'admin';

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/audit',
      tag,
      access: 'admin',
      summary:
        'Le journal d’administration, le plus récent d’abord, 50 par page : filtres par action, adresse de l’administrateur (une partie), ' +
        'atelier, cible (un type ou un identifiant) et jours (du, au, inclus, heure de Porto-Novo).',
      query: auditQuerySchema,
      responses: { 200: { description: 'Une page du journal', schema: auditPageSchema }, 400: { description: 'Filtre invalide' } },
    },
    async (_req, res, { query }) => {
      const { page, ...filters } = query;
      const found = await ctx.db.system((tx) => auditPage(tx, filters, page, AUDIT_PAGE_SIZE));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ entries: found.entries, page, hasMore: found.hasMore });
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/audit.csv',
      tag,
      access: 'admin',
      summary: 'Le journal d’administration en CSV (Excel en français : « ; », BOM UTF-8), avec les mêmes filtres ; l’export est lui-même écrit au journal.',
      query: auditExportQuerySchema,
      responses: { 200: { description: 'Le fichier CSV', contentType: 'text/csv' }, 400: { description: 'Filtre invalide' } },
    },
    async (_req, res, { query, caller }) => {
      const now = ctx.now();
      await ctx.db.system((tx) => writeAudit(tx, { admin: { id: caller.adminId, email: caller.email }, action: 'audit.export', detail: { filters: query }, ip: caller.ip }, now));
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${auditCsvFileName(localDay(now.getTime(), AUDIT_TIME_ZONE))}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.write(auditCsvHead());
      try {
        let after: { at: string; id: number } | null = null;
        for (let sent = 0; sent < AUDIT_EXPORT_MAX && !res.destroyed; ) {
          const batch = await ctx.db.system((tx) => auditBatch(tx, query, after, Math.min(BATCH, AUDIT_EXPORT_MAX - sent)));
          if (batch.length === 0) break;
          if (!res.write(batch.map(auditCsvLine).join(''))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
          sent += batch.length;
          const last = batch[batch.length - 1]!;
          after = { at: last.at, id: last.id };
          if (batch.length < BATCH) break;
        }
        res.end();
      } catch (error) {
        // The header is sent: the file is cut short rather than ending as if it were complete.
        res.destroy(error instanceof Error ? error : undefined);
      }
    },
  );
}
