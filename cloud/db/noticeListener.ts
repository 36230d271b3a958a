/**
 * The change notices of a Postgres server, on a connection of their own (postgres.js). Unlike
 * `sql.listen`, this says at once when the connection is lost — `onLost` — so the sync-state
 * cache stops serving from memory before a single notice can be missed unnoticed; the cache's
 * heartbeat covers a connection that dies without a word. Once the connection is back and
 * LISTEN is in force again, `onListening` runs (the cache starts afresh).
 */
import type postgres from 'postgres';
import { CHANGES_CHANNEL } from './changeNotices.js';

export interface NoticeHandlers {
  onNotice(payload: string): void;
  onListening(): void;
  onLost(): void;
}

export interface NoticeListener {
  /** Sends a notice on the listening connection itself (the heartbeat: it must travel the same way). */
  notify(payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Retry delays while the database is unreachable (postgres.js adds its own backoff per connect). */
const RETRY_MS = [250, 1000, 2000, 5000];

export async function listenForNotices(connect: typeof postgres, url: string, handlers: NoticeHandlers): Promise<NoticeListener> {
  let closing = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  // `onnotify` is postgres.js's own hook for NotificationResponse messages (what `sql.listen` uses);
  // it is parsed with the other options but missing from the typings.
  const options = {
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => undefined,
    connection: { application_name: 'styliste-notices' },
    onnotify: (channel: string, payload: string) => {
      if (channel === CHANGES_CHANNEL) handlers.onNotice(payload);
    },
    onclose: () => {
      if (closing) return;
      handlers.onLost();
      subscribeLater();
    },
  } as unknown as postgres.Options<Record<string, never>>;
  const client = connect(url, options);

  const subscribe = async (): Promise<void> => {
    await client.unsafe(`LISTEN ${CHANGES_CHANNEL}`);
    attempt = 0;
    handlers.onListening();
  };
  const subscribeLater = () => {
    if (closing || retry) return;
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
    attempt += 1;
    retry = setTimeout(() => {
      retry = null;
      subscribe().catch(() => subscribeLater());
    }, delay);
    retry.unref();
  };

  await subscribe();
  return {
    async notify(payload) {
      await client`SELECT pg_notify(${CHANGES_CHANNEL}, ${payload})`;
    },
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      await client.end({ timeout: 1 });
    },
  };
}
