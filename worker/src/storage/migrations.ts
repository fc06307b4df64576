/**
 * Versioned, idempotent schema migrations for a Durable Object's SQLite, numbered per owner.
 *
 * Each owner — the room itself ("room"), each feature (its name), the account ("account") — numbers its migrations
 * 1, 2, … in its own namespace: features never pick numbers around each other. Each migration runs once, in order,
 * inside one transaction together with the row that records it (`schema_migrations`, keyed by owner and version),
 * so a crash mid-migration leaves the database as it was. Running `migrate` again is a no-op.
 *
 * Databases from before the namespaces recorded one global version per migration (the room's 1–3, build's 4,
 * combat's 10, chat's 11). A migration that shipped then carries that number as `legacyVersion`. The first
 * `migrate` on such a database moves its rows to the new table under the owner "legacy", and every `migrate` hands a
 * legacy row to the migration that claims its number (a feature a room kind turns off claims its row the day it is
 * turned on): nothing that ran is run again, nothing that did not is skipped.
 */
export interface Migration {
  /** 1, 2, … within its owner. */
  version: number;
  name: string;
  /** The global version it was recorded under before migrations were numbered per owner (those that shipped then). */
  legacyVersion?: number;
  up(sql: SqlStorage): void;
}

/** One owner's migrations: the room's, a feature's (under the feature's name), the account's. */
export interface MigrationSet {
  owner: string;
  migrations: readonly Migration[];
}

/** The owner of bookkeeping rows from before the namespaces that no migration has claimed (yet). */
export const LEGACY_OWNER = "legacy";

export function migrate(storage: DurableObjectStorage, sets: readonly MigrationSet[]): void {
  assertMigrationSets(sets);
  const sql = storage.sql;
  storage.transactionSync(() => {
    upgradeBookkeeping(sql);
    claimLegacyRows(sql, sets);
  });
  const applied = new Set(sql.exec<{ owner: string; version: number }>("SELECT owner, version FROM schema_migrations").toArray().map((r) => `${r.owner}/${r.version}`));
  for (const { owner, migrations } of sets) {
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(`${owner}/${migration.version}`)) continue;
      storage.transactionSync(() => {
        migration.up(sql);
        sql.exec("INSERT INTO schema_migrations (owner, version, name, applied_at) VALUES (?, ?, ?, ?)", owner, migration.version, migration.name, Date.now());
      });
    }
  }
}

/** Owner → the highest version applied. */
export function schemaVersions(sql: SqlStorage): Record<string, number> {
  const rows = sql.exec<{ owner: string; v: number }>("SELECT owner, MAX(version) AS v FROM schema_migrations GROUP BY owner").toArray();
  return Object.fromEntries(rows.map((row) => [row.owner, row.v]));
}

/**
 * Refuses what would leave a migration unrun or run twice: two sets of one owner (or the reserved "legacy"), two
 * migrations of one version within an owner, a version that is no positive integer, two claims of one legacy number.
 */
export function assertMigrationSets(sets: readonly MigrationSet[]): void {
  const owners = new Set<string>([LEGACY_OWNER]);
  const legacy = new Map<number, string>();
  for (const { owner, migrations } of sets) {
    if (owners.has(owner)) throw new Error(`migrations of "${owner}" are given twice (or "${owner}" is reserved)`);
    owners.add(owner);
    const versions = new Set<number>();
    for (const { version, name, legacyVersion } of migrations) {
      if (!Number.isInteger(version) || version < 1) throw new Error(`migration "${name}" of ${owner}: version ${version} is not 1, 2, …`);
      if (versions.has(version)) throw new Error(`two migrations of ${owner} share version ${version}`);
      versions.add(version);
      if (legacyVersion === undefined) continue;
      const other = legacy.get(legacyVersion);
      if (other !== undefined) throw new Error(`migrations "${other}" and "${name}" both claim legacy version ${legacyVersion}`);
      legacy.set(legacyVersion, name);
    }
  }
}

const CREATE_BOOKKEEPING = (table: string) => `CREATE TABLE IF NOT EXISTS ${table} (
  owner TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (owner, version)
)`;

/** Creates the bookkeeping table, or rewrites one of the global numbering into it (its rows under "legacy"). */
function upgradeBookkeeping(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('schema_migrations')").toArray().map((c) => c.name);
  if (columns.includes("owner")) return;
  if (columns.length === 0) {
    sql.exec(CREATE_BOOKKEEPING("schema_migrations"));
    return;
  }
  sql.exec(CREATE_BOOKKEEPING("schema_migrations_by_owner"));
  sql.exec(
    "INSERT INTO schema_migrations_by_owner (owner, version, name, applied_at) SELECT ?, version, name, applied_at FROM schema_migrations",
    LEGACY_OWNER,
  );
  sql.exec("DROP TABLE schema_migrations");
  sql.exec("ALTER TABLE schema_migrations_by_owner RENAME TO schema_migrations");
}

/** Hands each legacy row to the migration that claims its number (usually there are none: a read, no write). */
function claimLegacyRows(sql: SqlStorage, sets: readonly MigrationSet[]): void {
  const rows = sql.exec<{ version: number }>("SELECT version FROM schema_migrations WHERE owner = ?", LEGACY_OWNER).toArray();
  if (rows.length === 0) return;
  const claims = new Map<number, { owner: string; version: number }>();
  for (const { owner, migrations } of sets) {
    for (const { version, legacyVersion } of migrations) if (legacyVersion !== undefined) claims.set(legacyVersion, { owner, version });
  }
  for (const { version: legacyVersion } of rows) {
    const claim = claims.get(legacyVersion);
    if (!claim) continue;
    sql.exec("UPDATE schema_migrations SET owner = ?, version = ? WHERE owner = ? AND version = ?", claim.owner, claim.version, LEGACY_OWNER, legacyVersion);
  }
}
