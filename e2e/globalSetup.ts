/**
 * Runs once before the whole test run: builds the web app into out/web and the admin portal into
 * out/admin, so that the browser tests (which run in parallel) all see complete builds.
 * E2E_SKIP_BUILD=1 keeps an existing build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUILDS = [
  { out: 'out/web/index.html', config: 'desktop/renderer/vite.config.ts' },
  { out: 'out/admin/index.html', config: 'cloud/web/admin/vite.config.ts' },
];

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const build of BUILDS) {
    if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${root}${build.out}`)) continue;
    execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', build.config, '--logLevel', 'error'], {
      cwd: root,
      stdio: 'inherit',
      // Under vitest NODE_ENV is 'test', which would make Vite build React's development bundle.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
