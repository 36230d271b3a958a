/**
 * The React app, built once for both hosts: served by the cloud at /app (web) and loaded from
 * file:// by Electron. `npm run build:web` writes out/web.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './serviceWorkerPlugin.js';
import { precompress } from './precompressPlugin.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../out/web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react(), serviceWorker(), precompress(outDir)],
  publicDir: 'public',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@sqlite.org/sqlite-wasm'] },
});
