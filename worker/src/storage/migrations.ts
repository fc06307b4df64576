/**
 * Versioned, idempotent schema migrations for a Durable Object's SQLite.
 *
 * Each migration runs once, in order, inside one transaction together with the row that records it, so a crash
 * mid-migration leaves the database at the previous version. Running `migrate` again is a no-op.
 */
export interface Migration {
  version: number;
  name: string;
  up(sql: SqlStorage): void;
}

export function migrate(storage: DurableObjectStorage, migrations: readonly Migration[]): number {
  const sql = storage.sql;
  sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(sql.exec<{ version: number }>("SELECT version FROM schema_migrations").toArray().map((r) => r.version));
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of ordered) {
    if (applied.has(migration.version)) continue;
    storage.transactionSync(() => {
      migration.up(sql);
      sql.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", migration.version, migration.name, Date.now());
    });
  }
  return ordered.length === 0 ? 0 : ordered[ordered.length - 1]!.version;
}

export function schemaVersion(sql: SqlStorage): number {
  const row = sql.exec<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations").one();
  return row.v ?? 0;
}
