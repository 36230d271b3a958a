/**
 * The `export.workshop` channel: the owner's whole workshop as one ZIP (shared/export), built in
 * the host from the local database and the photos on this device, so it works offline and
 * whatever the subscription. The engine's export queries refuse anyone but the owner (the role
 * acting on this device, as the role table and sync keep it); this channel asks first so a staff
 * member is refused in French before anything is read. Progress goes to the app as `export`
 * events (rows done of the total, then photos); the bytes come back as the call's answer and the
 * app saves them (an anchor download: the browser's, or Electron's save dialog).
 */
import type { Engine } from '../engine/engine.js';
import type { HostEvent } from './channels.js';
import type { PhotoStore } from './ports.js';
import { buildWorkshopExport, type BuiltExport } from '../export/buildExport.js';
import { EXPORT_TEXTS } from '../export/texts.js';
import { mayExportEverything } from '../export/exportRights.js';
import { EngineError } from '../domain/errors.js';
import { ROLE_LABELS } from '../domain/roleTable.js';
import { text, type Locale } from '../i18n/texts.js';

export type ExportResult = Omit<BuiltExport, 'missingPhotos'> & { missingPhotos: number };

export type ExportEvent = Extract<HostEvent, { type: 'export' }>;

const HASH = /^[0-9a-f]{64}$/;

/** One export at a time per host (a second click while one runs is refused). */
export class ExportChannel {
  private running = false;

  constructor(
    private readonly photos: PhotoStore,
    private readonly emit: (event: HostEvent) => void,
  ) {}

  async run(engine: Engine, locale: Locale, now?: () => Date): Promise<ExportResult> {
    const role = engine.actor.role;
    if (!mayExportEverything(role)) throw new EngineError('forbidden', text(EXPORT_TEXTS, locale, 'ownerOnly', { role: ROLE_LABELS[locale][role] }));
    if (this.running) throw new EngineError('rule_violation', text(EXPORT_TEXTS, locale, 'busy'));
    this.running = true;
    try {
      const built = await buildWorkshopExport(
        {
          summary: () => engine.query('exportSummary', {}),
          page: (table, after, limit) => engine.query('exportPage', { table, after, limit }),
          photo: async (hash) => (HASH.test(hash) ? this.photos.get(hash).catch(() => null) : null),
        },
        {
          locale,
          ...(now ? { now } : {}),
          onProgress: (p) => this.emit({ type: 'export', phase: p.phase, done: p.rowsDone + p.photosDone, total: p.rowsTotal + p.photosTotal }),
        },
      );
      return { ...built, missingPhotos: built.missingPhotos.length };
    } finally {
      this.running = false;
    }
  }
}
