/**
 * Photos taken offline wait in the host's photo store and go up when the network is back:
 * by content hash, in 1 MB chunks, resuming from what the server already has.
 */
import type { CloudApi } from './cloudApi.js';
import type { FileStatus } from './cloudContracts.js';
import type { PhotoStore } from './ports.js';
import { text } from '../i18n/texts.js';
import { HOST_TEXTS } from './texts.js';

const CHUNK = 1024 * 1024;

export async function uploadPendingPhotos(api: CloudApi, photos: PhotoStore): Promise<number> {
  let done = 0;
  for (const { hash, kind } of await photos.pending()) {
    const bytes = await photos.get(hash);
    if (!bytes) continue;
    const status = await api.raw('GET', `/api/files/${hash}/status`, undefined);
    let received = 0;
    if (status.ok) {
      const info = (await status.json()) as FileStatus;
      if (info.state === 'ready') {
        await photos.markUploaded(hash);
        done += 1;
        continue;
      }
      received = info.received;
    }
    while (received < bytes.length) {
      const end = Math.min(bytes.length, received + CHUNK);
      const response = await api.raw('PUT', `/api/files/${hash}?kind=${kind}`, bytes.subarray(received, end), {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${received}-${end - 1}/${bytes.length}`,
      });
      // A chunk's answer is the file's status; a refusal is the cloud's error shape.
      const answer = (await response.json().catch(() => ({}))) as Partial<FileStatus> & { error?: { code?: string } };
      if (response.status === 415 || answer.error?.code === 'hash_mismatch') {
        // Not an image, or corrupted on this device: nothing to retry; forget it.
        await photos.markUploaded(hash);
        break;
      }
      if (!response.ok && response.status !== 409) throw new Error(text(HOST_TEXTS, api.locale, 'photoRefused', { status: response.status }));
      received = answer.received ?? end;
      if (response.status === 200 || response.status === 201) {
        if (received >= bytes.length) break;
      }
    }
    await photos.markUploaded(hash);
    done += 1;
  }
  return done;
}
