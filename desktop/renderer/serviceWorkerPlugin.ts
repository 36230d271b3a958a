/**
 * Writes sw.js at build time with the exact list of built files, so the service worker can cache
 * the whole app shell and the SQLite WASM on install: the second visit loads from the cache.
 */
import type { Plugin } from 'vite';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function serviceWorker(): Plugin {
  return {
    name: 'styliste-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // sqlite-wasm also ships its own worker and OPFS proxy; the app never loads them (it runs
      // SQLite in its engine worker on opfs-sahpool), so they are not cached up front.
      const unused = /sqlite3-(worker1|opfs-async-proxy)/;
      // Chunks loaded on demand (the PDF builder) are cached the first time they are used, not at
      // install: the first visit downloads only what the app needs to start.
      const lazy = (f: string) => {
        const item = bundle[f];
        return item?.type === 'chunk' && item.isDynamicEntry;
      };
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js' && !unused.test(f) && !lazy(f));
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(fileURLToPath(new URL('./src/sw.template.js', import.meta.url)), 'utf8');
      // The page's own icon and manifest (public/) are needed at every visit too.
      const shell = ['./', 'icon-192.png', 'manifest.webmanifest'];
      const source = template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify([...shell, ...files]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
