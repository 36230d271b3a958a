/**
 * Runs once before the whole test run: builds the web app into out/web, so that the browser tests
 * (which run in parallel) all see one complete build. E2E_SKIP_BUILD=1 keeps the existing build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${root}out/web/index.html`)) return;
  execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'desktop/renderer/vite.config.ts', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
    // Under vitest NODE_ENV is 'test', which would make Vite build React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
