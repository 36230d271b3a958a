/**
 * Applies the embedded drizzle migrations that this database has not seen yet, each in its own
 * transaction, so a database made by an older version of the app opens and upgrades.
 */
import type { SqlPort } from './sqlPort.js';
import { MIGRATIONS } from './migrations/index.js';

export interface Migration {
  tag: string;
  sql: string;
}

export async function migrate(db: SqlPort, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS __migrations (tag TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((await db.all<{ tag: string }>('SELECT tag FROM __migrations')).map((r) => r.tag));
  const known = new Set(migrations.map((m) => m.tag));
  const unknown = [...done].filter((tag) => !known.has(tag));
  if (unknown.length > 0) {
    throw new Error(
      `Cette base de données a été créée par une version plus récente de Styliste (${unknown.join(', ')}). Mettez l'application à jour.`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.tag)) continue;
    await db.transaction(async (tx) => {
      for (const statement of migration.sql.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.exec(statement);
      }
      await tx.run('INSERT INTO __migrations (tag, applied_at) VALUES (?, ?)', [migration.tag, new Date().toISOString()]);
    });
    applied.push(migration.tag);
  }
  return applied;
}
