// Migrations numbered per owner (the room, each feature), and the upgrade of databases that rooms built under the
// old global numbering (1–3 the room's, 4 build's, 10 combat's, 11 chat's): nothing that ran runs again, nothing
// that did not is skipped, on real Durable Object SQLite.
import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STRUCTURES_MIGRATION } from "../src/features/build/structure-store.ts";
import { tileKey } from "../src/features/build/tile-bounds.ts";
import { RoomMetaKey } from "../src/room/room-settings.ts";
import { LEGACY_OWNER, migrate, type Migration, type MigrationSet } from "../src/storage/migrations.ts";
import { ROOM_MIGRATIONS } from "../src/storage/room-schema.ts";
import { connect, freshRoom } from "./support/test-client.ts";

/** Runs `body` on the SQLite of a room object that was never opened (nothing of a room is in it). */
function withBareStorage<T>(body: (storage: DurableObjectStorage) => T): Promise<T> {
  return runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(freshRoom("schema"))), (_instance, state) => body(state.storage));
}

/** The bookkeeping table exactly as the released code made it, and its rows for `versions` (applied at 111). */
function recordTheOldWay(sql: SqlStorage, versions: readonly number[]): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  for (const version of versions) sql.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 111)", version, `old #${version}`);
}

const bookkeeping = (sql: SqlStorage) =>
  sql.exec<{ owner: string; version: number; applied_at: number }>("SELECT owner, version, applied_at FROM schema_migrations ORDER BY owner, version").toArray();

/** Migrations that count how often each ran. */
function counted(runs: Map<string, number>, owner: string, specs: readonly { version: number; legacyVersion?: number }[]): MigrationSet {
  const migrations: Migration[] = specs.map((spec) => ({
    ...spec,
    name: `${owner} ${spec.version}`,
    up: () => runs.set(`${owner}/${spec.version}`, (runs.get(`${owner}/${spec.version}`) ?? 0) + 1),
  }));
  return { owner, migrations };
}

describe("schema migrations, numbered per owner", () => {
  it("a fresh database runs each owner's migrations once, in order; a second run runs none", async () => {
    await withBareStorage((storage) => {
      const runs = new Map<string, number>();
      const sets = [counted(runs, "room", [{ version: 2 }, { version: 1 }]), counted(runs, "build", [{ version: 1 }]), counted(runs, "chat", [{ version: 1 }])];
      migrate(storage, sets);
      migrate(storage, sets);
      expect(Object.fromEntries(runs)).toEqual({ "room/1": 1, "room/2": 1, "build/1": 1, "chat/1": 1 });
      expect(bookkeeping(storage.sql).map(({ owner, version }) => `${owner}/${version}`)).toEqual(["build/1", "chat/1", "room/1", "room/2"]);
    });
  });

  it("upgrades a database of the old numbering: what ran keeps its record and is not run again, the rest runs", async () => {
    await withBareStorage((storage) => {
      // A room from before combat and chat: the room's 1–3 and build's 4 ran.
      recordTheOldWay(storage.sql, [1, 2, 3, 4]);
      const runs = new Map<string, number>();
      const sets = [
        counted(runs, "room", [{ version: 1, legacyVersion: 1 }, { version: 2, legacyVersion: 2 }, { version: 3, legacyVersion: 3 }, { version: 4 }]),
        counted(runs, "build", [{ version: 1, legacyVersion: 4 }, { version: 2 }]),
        counted(runs, "combat", [{ version: 1, legacyVersion: 10 }]),
        counted(runs, "chat", [{ version: 1, legacyVersion: 11 }]),
      ];
      migrate(storage, sets);
      expect(Object.fromEntries(runs)).toEqual({ "room/4": 1, "build/2": 1, "combat/1": 1, "chat/1": 1 });
      const rows = bookkeeping(storage.sql);
      expect(rows.filter((row) => row.applied_at === 111).map(({ owner, version }) => `${owner}/${version}`)).toEqual(["build/1", "room/1", "room/2", "room/3"]);
      expect(rows).toHaveLength(8);
      migrate(storage, sets);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    });
  });

  it("keeps an old row no migration claims yet, and hands it over the day its feature runs (no second run)", async () => {
    await withBareStorage((storage) => {
      recordTheOldWay(storage.sql, [1, 4]);
      const runs = new Map<string, number>();
      const room = counted(runs, "room", [{ version: 1, legacyVersion: 1 }]);
      // A room kind without building: nothing claims 4 yet.
      migrate(storage, [room]);
      expect(bookkeeping(storage.sql).map(({ owner, version }) => `${owner}/${version}`)).toEqual([`${LEGACY_OWNER}/4`, "room/1"]);
      migrate(storage, [room, counted(runs, "build", [{ version: 1, legacyVersion: 4 }])]);
      expect(runs.size).toBe(0);
      expect(bookkeeping(storage.sql)).toEqual([
        { owner: "build", version: 1, applied_at: 111 },
        { owner: "room", version: 1, applied_at: 111 },
      ]);
    });
  });

  it("refuses sets that would leave a migration unrun or run twice", async () => {
    await withBareStorage((storage) => {
      const runs = new Map<string, number>();
      expect(() => migrate(storage, [counted(runs, "room", [{ version: 1 }, { version: 1 }])])).toThrow(/share version 1/);
      expect(() => migrate(storage, [counted(runs, "chat", [{ version: 1 }]), counted(runs, "chat", [{ version: 2 }])])).toThrow(/"chat"/);
      expect(() => migrate(storage, [counted(runs, "a", [{ version: 1, legacyVersion: 4 }]), counted(runs, "b", [{ version: 1, legacyVersion: 4 }])])).toThrow(/legacy version 4/);
      expect(() => migrate(storage, [counted(runs, LEGACY_OWNER, [{ version: 1 }])])).toThrow(/reserved/);
      expect(() => migrate(storage, [counted(runs, "room", [{ version: 0 }])])).toThrow(/not 1, 2/);
      expect(runs.size).toBe(0);
    });
  });

  it("a room built by the old numbering opens with its structures, gains the tables it lacked, and records them by owner", async () => {
    const room = freshRoom("old-schema");
    const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
    await runInDurableObject(stub, (_instance, state) => {
      // What the released code left: the room's tables and build's (migrations 1–4), a room, a wall — and no combat
      // or chat tables (that room predates them).
      const { sql } = state.storage;
      for (const migration of [...ROOM_MIGRATIONS, STRUCTURES_MIGRATION]) migration.up(sql);
      recordTheOldWay(sql, [1, 2, 3, 4]);
      sql.exec("INSERT INTO room_meta (key, value) VALUES (?, 'room'), (?, '1000')", RoomMetaKey.kind, RoomMetaKey.createdAt);
      sql.exec("INSERT INTO structures (tile, id, tx, ty, kind, owner, hp, placed_at) VALUES (?, 7, 10, 10, 'wall', 'builder', 321, 0)", tileKey(10, 10));
    });
    await abortAllDurableObjects();

    const { client } = await connect(room, { playerId: "old-timer" });
    const full = await client.nextSnapshot((s) => s.payload.mode === "full");
    expect(full.payload.features.build?.set?.["7"]).toEqual({ tx: 10, ty: 10, kind: "wall", owner: "builder", hp: 321 });
    client.close();
    await client.closed();
    // A new stub: the one above belongs to the object before its restart.
    const rows = await runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_instance, state) => {
      const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('combat_scores', 'chat_history')").toArray();
      expect(tables.map((t) => t.name).sort()).toEqual(["chat_history", "combat_scores"]);
      return bookkeeping(state.storage.sql);
    });
    expect(rows.map(({ owner, version, applied_at }) => [`${owner}/${version}`, applied_at === 111 ? "old" : "new"])).toEqual([
      ["build/1", "old"],
      ["chat/1", "new"],
      ["combat/1", "new"],
      ["room/1", "old"],
      ["room/2", "old"],
      ["room/3", "old"],
    ]);
  });
});
