/**
 * The development outbox: what a provider without credentials would have sent, one JSON file per
 * send in `<dataDir>/outbox/<provider>/<time>-<id>.json`. A developer reads it in the folder or at
 * `GET /dev/outbox`. Each file is written to a temporary name, flushed, then renamed, so a reader
 * never sees half an entry; names start with the time, so the newest sort last.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const OUTBOX_PROVIDERS = ['sms', 'whatsapp', 'email', 'payments'] as const;
export type OutboxProvider = (typeof OUTBOX_PROVIDERS)[number];

export interface OutboxEntry<P = Record<string, unknown>> {
  id: string;
  provider: OutboxProvider;
  createdAt: string;
  /** Our own id of what was sent (a message's id, a checkout's reference), when the caller gave one. */
  reference: string | null;
  /** The recipient (a number, an address), for the listing. */
  to: string | null;
  /** Exactly what the provider would have received. */
  payload: P;
}

export interface WrittenEntry<P> {
  entry: OutboxEntry<P>;
  file: string;
}

const ID = /^[0-9a-f]{12}$/;

/** 2025-01-02T03:04:05.678Z → 20250102T030405678Z: sortable and safe in a file name. */
function fileTime(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

export class DevOutbox {
  readonly root: string;

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.root = join(dataDir, 'outbox');
  }

  folder(provider: OutboxProvider): string {
    return join(this.root, provider);
  }

  async write<P>(provider: OutboxProvider, fields: { reference?: string | null; to?: string | null; payload: P }): Promise<WrittenEntry<P>> {
    const at = this.now();
    const id = randomBytes(6).toString('hex');
    const entry: OutboxEntry<P> = { id, provider, createdAt: at.toISOString(), reference: fields.reference ?? null, to: fields.to ?? null, payload: fields.payload };
    const folder = this.folder(provider);
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${fileTime(at)}-${id}.json`);
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(`${JSON.stringify(entry, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { entry, file };
  }

  private async names(provider: OutboxProvider): Promise<string[]> {
    try {
      return (await readdir(this.folder(provider))).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async read(provider: OutboxProvider, name: string): Promise<OutboxEntry | null> {
    try {
      return JSON.parse(await readFile(join(this.folder(provider), name), 'utf8')) as OutboxEntry;
    } catch {
      return null; // removed meanwhile, or edited by hand into something unreadable: not listed
    }
  }

  /** The newest entries first, and how many there are in all. */
  async list(provider: OutboxProvider, limit = 50): Promise<{ total: number; entries: OutboxEntry[] }> {
    const names = await this.names(provider);
    const newest = names.slice(-limit).reverse();
    const entries = (await Promise.all(newest.map((name) => this.read(provider, name)))).filter((entry): entry is OutboxEntry => entry !== null);
    return { total: names.length, entries };
  }

  async get(provider: OutboxProvider, id: string): Promise<OutboxEntry | null> {
    if (!ID.test(id)) return null;
    const name = (await this.names(provider)).find((candidate) => candidate.endsWith(`-${id}.json`));
    return name ? this.read(provider, name) : null;
  }
}
