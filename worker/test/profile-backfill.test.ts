import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { migrate } from "../src/storage/migrations.ts";
import { backfillDefaultProfiles } from "../src/storage/profile-backfill.ts";
import { ROOM_MIGRATIONS, roomMigrations } from "../src/storage/room-schema.ts";
import { connect, freshRoom } from "./support/test-client.ts";

describe("character profile backfill", () => {
  it("gives players from a previous-schema database a default profile, idempotently, and they keep their place", async () => {
    const room = freshRoom();
    const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
    await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      // Rebuild this object's database as the v1 schema left it: players, no character tables.
      for (const table of ["character_profiles", "active_character_profiles", "game_sessions", "players", "resume_tokens", "room_meta"]) {
        sql.exec(`DROP TABLE IF EXISTS ${table}`);
      }
      sql.exec("DROP TABLE IF EXISTS schema_migrations");
      migrate(state.storage, [{ owner: "room", migrations: ROOM_MIGRATIONS.filter((m) => m.version === 1) }]);
      sql.exec("INSERT INTO players VALUES ('old-timer', 'Old Timer', 12.5, -3.25, 0, 0, 40, 0)");
      sql.exec("INSERT INTO players VALUES ('veteran', 'Veteran', -7, 8, 0, 0, 9, 0)");

      migrate(state.storage, roomMigrations([]));
      expect(backfillDefaultProfiles(state.storage, 1000)).toBe(2);
      expect(backfillDefaultProfiles(state.storage, 2000)).toBe(0);
      migrate(state.storage, roomMigrations([]));
      expect(backfillDefaultProfiles(state.storage, 3000)).toBe(0);

      const profiles = sql.exec("SELECT user_id, character_id, name, x, y, last_input_seq FROM character_profiles ORDER BY user_id").toArray();
      expect(profiles).toEqual([
        { user_id: "old-timer", character_id: "default", name: "Old Timer", x: 12.5, y: -3.25, last_input_seq: 40 },
        { user_id: "veteran", character_id: "default", name: "Veteran", x: -7, y: 8, last_input_seq: 9 },
      ]);
      const active = sql.exec("SELECT user_id, character_id FROM active_character_profiles ORDER BY user_id").toArray();
      expect(active).toEqual([
        { user_id: "old-timer", character_id: "default" },
        { user_id: "veteran", character_id: "default" },
      ]);
    });

    const { client, welcome } = await connect(room, { playerId: "old-timer" });
    const full = await client.nextSnapshot((s) => s.payload.mode === "full");
    expect(full.payload.features.movement!.set![welcome.payload.entityId]).toMatchObject({ x: 12.5, y: -3.25 });
    expect(full.payload.features.presence!.set![welcome.payload.entityId]).toMatchObject({ name: "Old Timer" });
    client.close();
  });
});
