/**
 * Builds the desktop app's main process and preload with esbuild:
 *   out/desktop/main/index.js      ES module (package.json "type": "module"), Electron's "main"
 *   out/desktop/preload/index.cjs  CommonJS: a sandboxed preload cannot be an ES module
 * electron and better-sqlite3 (native, rebuilt for Electron by electron-builder) stay external;
 * everything else (shared/, zod, libphonenumber-js, …) is bundled. The web app (out/web) is
 * built by Vite (`npm run build:web`). Usage: `npm run build:desktop`.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildDesktop(outDir = join(root, 'out', 'desktop')): Promise<{ main: string; preload: string }> {
  const main = join(outDir, 'main', 'index.js');
  const preload = join(outDir, 'preload', 'index.cjs');
  await rm(outDir, { recursive: true, force: true });
  await Promise.all([
    build({
      entryPoints: [join(root, 'desktop', 'main', 'index.ts')],
      outfile: main,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['electron', 'better-sqlite3'],
      // Bundled CommonJS dependencies may call require(): give them one inside the ES module.
      banner: { js: "import { createRequire as __stylisteRequire } from 'node:module'; const require = __stylisteRequire(import.meta.url);" },
      sourcemap: true,
      logLevel: 'warning',
    }),
    build({
      entryPoints: [join(root, 'desktop', 'preload', 'index.ts')],
      outfile: preload,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      sourcemap: true,
      logLevel: 'warning',
    }),
  ]);
  return { main, preload };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { main, preload } = await buildDesktop();
  console.log(`Bureau compilé :\n  ${main}\n  ${preload}`);
}
