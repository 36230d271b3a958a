/**
 * Moderation (DESIGN "Admin portal"): the visitors' reports of the directory, and the admin's
 * decision on what one points at — hide it (the profile, or one photo: gone from search, the
 * pages and the sitemap at once, since every public read filters on `hidden_at`) or keep it.
 * A decision resolves every pending report on the same target, and writes its audit entry in the
 * same transaction. A hidden profile or photo can be shown again, with a reason too.
 */
import type { CloudContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import type { AdminCaller } from '../../http/guards.js';
import { text, type Locale } from '../../../shared/i18n/texts.js';
import type { AuditAction } from '../../../shared/admin/auditActions.js';
import { REPORT_REASON_LABELS } from '../../directory/audience/texts.js';
import { writeAudit } from '../auditSql.js';
import { REPORTS_PAGE_SIZE, type ReportStatus, type ReportView, type Resolution } from './schemas.js';
import {
  listReports, lockReport, photoFile, photoModeration, profileModeration, reportById, resolveReports, setPhotoHidden, setProfileHidden,
  type Hidden, type ReportRow,
} from './moderationSql.js';
import { moderationError, resolutionTexts } from './texts.js';

/** The admin-only address of a reported photo (hidden or not). */
export function adminPhotoPath(itemId: string): string {
  return `/api/admin/photos/${itemId}`;
}

function view(row: ReportRow, locale: Locale): ReportView {
  return {
    id: row.id,
    createdAt: row.createdAt,
    reason: row.reason,
    reasonLabel: text(REPORT_REASON_LABELS, locale, row.reason),
    details: row.details,
    status: row.status,
    resolution: row.resolution,
    resolvedAt: row.resolvedAt,
    workshop: { id: row.workshopId, name: row.workshopName, slug: row.slug, city: row.city },
    photo: row.itemId ? { itemId: row.itemId, caption: row.caption, url: row.photoFile ? adminPhotoPath(row.itemId) : null, hidden: row.photoHidden } : null,
    profileHidden: row.profileHidden,
    othersPending: row.othersPending,
  };
}

type Caller = Pick<AdminCaller, 'adminId' | 'email' | 'ip'>;

export class ModerationService {
  constructor(private readonly ctx: Pick<CloudContext, 'db' | 'now' | 'services'>) {}

  async list(status: ReportStatus, page: number, locale: Locale): Promise<{ reports: ReportView[]; page: number; hasMore: boolean }> {
    const found = await this.ctx.db.system((tx) => listReports(tx, status, page, REPORTS_PAGE_SIZE));
    return { reports: found.rows.map((row) => view(row, locale)), page, hasMore: found.hasMore };
  }

  /** Hides what the report points at and resolves the pending reports on it as 'hidden'. */
  hide(reportId: string, reason: string, caller: Caller, locale: Locale): Promise<ReportView> {
    return this.decide(reportId, 'hidden', reason, caller, locale);
  }

  /** Keeps it as it is and resolves the pending reports on it as 'kept'. */
  keep(reportId: string, reason: string, caller: Caller, locale: Locale): Promise<ReportView> {
    return this.decide(reportId, 'kept', reason, caller, locale);
  }

  private decide(reportId: string, resolution: Resolution, reason: string, caller: Caller, locale: Locale): Promise<ReportView> {
    const now = this.ctx.now();
    return this.ctx.db.system(async (tx) => {
      const locked = await lockReport(tx, reportId);
      if (!locked) throw moderationError('report_not_found', locale);
      if (locked.status !== 'pending') throw moderationError('report_resolved', locale, { resolution: text(resolutionTexts, locale, locked.resolution ?? 'kept') });
      const report = (await reportById(tx, reportId))!;
      const target = { workshopId: report.workshopId, itemId: report.itemId };
      const kind = report.itemId ? 'photo' : 'profile';
      let change: { before: Hidden; after: Hidden } | undefined;
      if (resolution === 'hidden') {
        const before = report.itemId ? await photoModeration(tx, report.itemId) : await profileModeration(tx, report.workshopId);
        if (!before) throw moderationError('target_gone', locale);
        const after = report.itemId ? await setPhotoHidden(tx, report.itemId, reason, now) : await setProfileHidden(tx, report.workshopId, reason, now);
        change = { before: { hiddenAt: before.hiddenAt, hiddenReason: before.hiddenReason }, after };
      }
      const resolved = await resolveReports(tx, target, resolution, now);
      const action: AuditAction = `${kind}.${resolution === 'hidden' ? 'hide' : 'keep'}`;
      await writeAudit(
        tx,
        {
          admin: { id: caller.adminId, email: caller.email },
          action,
          target: { type: kind, id: report.itemId ?? report.workshopId },
          workshopId: report.workshopId,
          reason,
          before: change?.before,
          after: change?.after,
          detail: { reportId, reportReason: report.reason, resolvedReports: resolved },
          ip: caller.ip,
        },
        now,
      );
      return view((await reportById(tx, reportId))!, locale);
    });
  }

  /** Shows a hidden profile again. */
  unhideProfile(workshopId: string, reason: string, caller: Caller, locale: Locale): Promise<void> {
    const now = this.ctx.now();
    return this.ctx.db.system(async (tx) => {
      const before = await profileModeration(tx, workshopId);
      if (!before) throw moderationError('profile_not_found', locale);
      if (before.hiddenAt === null) throw moderationError('profile_not_hidden', locale);
      const after = await setProfileHidden(tx, workshopId, null, now);
      await this.audit(tx, caller, 'profile.unhide', { type: 'profile', id: workshopId }, workshopId, reason, before, after, now);
    });
  }

  /** Shows a hidden photo again. */
  unhidePhoto(itemId: string, reason: string, caller: Caller, locale: Locale): Promise<void> {
    const now = this.ctx.now();
    return this.ctx.db.system(async (tx) => {
      const found = await photoModeration(tx, itemId);
      if (!found) throw moderationError('photo_not_found', locale);
      if (found.hiddenAt === null) throw moderationError('photo_not_hidden', locale);
      const after = await setPhotoHidden(tx, itemId, null, now);
      await this.audit(tx, caller, 'photo.unhide', { type: 'photo', id: itemId }, found.workshopId, reason, { hiddenAt: found.hiddenAt, hiddenReason: found.hiddenReason }, after, now);
    });
  }

  /** A photo's bytes for the portal (the 1200 px WebP, else its thumbnail), hidden or not; null when unknown. */
  async photo(itemId: string): Promise<Buffer | null> {
    const file = await this.ctx.db.system((tx) => photoFile(tx, itemId));
    if (!file) return null;
    const storage = this.ctx.services.uploads.storage;
    return (await storage.get(file.workshopId, file.fileHash, 'full')) ?? (await storage.get(file.workshopId, file.fileHash, 'thumb'));
  }

  private audit(
    tx: Tx,
    caller: Caller,
    action: AuditAction,
    target: { type: 'profile' | 'photo'; id: string },
    workshopId: string,
    reason: string,
    before: Hidden,
    after: Hidden,
    now: Date,
  ): Promise<void> {
    return writeAudit(tx, { admin: { id: caller.adminId, email: caller.email }, action, target, workshopId, reason, before, after, ip: caller.ip }, now);
  }
}
