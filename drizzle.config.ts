import { defineConfig } from 'drizzle-kit';

/** Local SQLite schema of the engine → SQL migrations embedded by scripts/embed-migrations.ts. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './shared/engine/schema.ts',
  out: './shared/engine/migrations',
});
