/**
 * The admin portal (cloud/web/admin), a small React app of its own: `npm run build:admin` writes
 * out/admin, which the cloud serves at /admin (cloud/web/adminRoutes.ts). No service worker: the
 * portal is only useful online.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../../out/admin', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Everything as files: the page's CSP allows no inline script or style.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
