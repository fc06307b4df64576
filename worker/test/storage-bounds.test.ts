import { abortAllDurableObjects, env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloseCode, Kind, type WelcomeMessage } from "@edgehold/protocol";
import {
  GUEST_PROFILE_TTL_MS,
  SESSION_HISTORY_MAX_ROWS,
  SESSION_HISTORY_RETENTION_MS,
  StorageRetention,
} from "../src/storage/retention.ts";
import { connect, freshRoom, held, TestClient } from "./support/test-client.ts";
import { openRoom } from "./support/room-internals.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

function stubFor(room: string) {
  return env.ROOMS.get(env.ROOMS.idFromName(room));
}

async function roomInfo(room: string) {
  return (await (await SELF.fetch(`http://example.com/api/rooms/${room}`)).json()) as { players: number };
}

/** Rows older than every bound, rows inside them, and a non-guest whose profile must never expire. */
function seed(sql: SqlStorage, now: number): void {
  const old = now - SESSION_HISTORY_RETENTION_MS - DAY_MS;
  for (const [id, at, ended] of [
    ["s-old", old, old + 1000],
    ["s-old-open", old, null],
    ["s-new", now - DAY_MS, now - DAY_MS + 1000],
  ] as const) {
    sql.exec("INSERT INTO game_sessions (session_id, user_id, character_id, connected_at, disconnected_at, reason) VALUES (?, 'u', 'default', ?, ?, 'closed')", id, at, ended);
  }
  sql.exec("INSERT INTO resume_tokens (token_hash, room_code, player_id, expires_at) VALUES ('h-expired', 'r', 'u', ?), ('h-live', 'r', 'u2', ?)", now - 1, now + 60_000);
  const stale = now - GUEST_PROFILE_TTL_MS - DAY_MS;
  for (const [user, at] of [
    ["guest-0123456789ab", stale],
    ["guest-fresh0000000", now - DAY_MS],
    ["user_2abc", stale],
  ] as const) {
    sql.exec(
      `INSERT INTO character_profiles (user_id, character_id, name, class, color, cosmetics, x, y, vx, vy, last_input_seq, updated_at)
       VALUES (?, 'default', 'N', 'warrior', '#ffffff', '[]', 0, 0, 0, 0, 0, ?)`,
      user, at,
    );
    sql.exec("INSERT INTO active_character_profiles (user_id, character_id, updated_at) VALUES (?, 'default', ?)", user, at);
  }
}

function remaining(sql: SqlStorage) {
  const column = (query: string) => sql.exec<{ id: string }>(query).toArray().map((r) => r.id).sort();
  return {
    sessions: column("SELECT session_id AS id FROM game_sessions"),
    tokens: column("SELECT token_hash AS id FROM resume_tokens"),
    profiles: column("SELECT user_id AS id FROM character_profiles"),
    active: column("SELECT user_id AS id FROM active_character_profiles"),
  };
}

describe("bounded storage", () => {
  it("prunes old session history, expired resume tokens and forgotten guests, keeping everything else", async () => {
    const room = freshRoom("prune");
    await openRoom(room);
    await runInDurableObject(stubFor(room), (_instance, state) => {
      const sql = state.storage.sql;
      const now = Date.now();
      seed(sql, now);
      const result = new StorageRetention(sql).prune(now, []);
      expect(result).toMatchObject({ resumeTokens: 1 });
      expect(remaining(sql)).toEqual({
        // A session still open (a player connected for a month) is history in the making, not old history.
        sessions: ["s-new", "s-old-open"],
        tokens: ["h-live"],
        profiles: ["guest-fresh0000000", "user_2abc"],
        active: ["guest-fresh0000000", "user_2abc"],
      });
    });
  });

  it("never prunes a guest who is in the room now", async () => {
    const room = freshRoom("prune-present");
    await openRoom(room);
    await runInDurableObject(stubFor(room), (_instance, state) => {
      const now = Date.now();
      seed(state.storage.sql, now);
      new StorageRetention(state.storage.sql).prune(now, ["guest-0123456789ab"]);
      expect(remaining(state.storage.sql).profiles).toContain("guest-0123456789ab");
    });
  });

  it("caps session history at the newest SESSION_HISTORY_MAX_ROWS finished sessions", async () => {
    const room = freshRoom("prune-cap");
    await openRoom(room);
    await runInDurableObject(stubFor(room), (_instance, state) => {
      const sql = state.storage.sql;
      const now = Date.now();
      sql.exec(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO game_sessions (session_id, user_id, character_id, connected_at, disconnected_at, reason)
         SELECT 's' || i, 'u', 'default', ? + i, ? + i + 1, 'closed' FROM n`,
        SESSION_HISTORY_MAX_ROWS + 25, now - DAY_MS, now - DAY_MS,
      );
      new StorageRetention(sql).prune(now, []);
      expect(sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM game_sessions").one().n).toBe(SESSION_HISTORY_MAX_ROWS);
      // The oldest went: s1 … s25.
      expect(sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM game_sessions WHERE session_id = 's25' OR session_id = 's26'").one().n).toBe(1);
    });
  });

  it("prunes when the room starts", async () => {
    const room = freshRoom("prune-start");
    await openRoom(room);
    await runInDurableObject(stubFor(room), (_instance, state) => seed(state.storage.sql, Date.now()));
    await abortAllDurableObjects();
    await roomInfo(room); // the object starts again (an existing room opens at once)
    await runInDurableObject(stubFor(room), (_instance, state) => {
      expect(remaining(state.storage.sql)).toMatchObject({ tokens: ["h-live"], profiles: ["guest-fresh0000000", "user_2abc"] });
    });
  });

  it("indexes the columns pruning deletes by", async () => {
    const room = freshRoom("prune-index");
    await openRoom(room);
    await runInDurableObject(stubFor(room), (_instance, state) => {
      const plan = (query: string) =>
        state.storage.sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`).toArray().map((r) => r.detail).join(" | ");
      expect(plan("SELECT 1 FROM resume_tokens WHERE expires_at <= 5")).toMatch(/USING .*INDEX resume_tokens_by_expiry/);
      expect(plan("SELECT 1 FROM character_profiles WHERE updated_at < 5")).toMatch(/USING .*INDEX character_profiles_by_updated_at/);
      expect(plan("SELECT 1 FROM game_sessions WHERE connected_at < 5")).toMatch(/USING .*INDEX game_sessions_by_connected_at/);
    });
  });
});

/** Opens a room socket without waiting for welcome (a refused join never sends one). */
async function open(room: string, playerId: string): Promise<TestClient> {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?playerId=${playerId}`, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket!;
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  socket.accept();
  return new TestClient(socket, "msgpack");
}

describe("a storage failure during a join", () => {
  for (const [what, table] of [
    ["the session row", "game_sessions"],
    ["the checkpoint after the player entered the world", "room_checkpoint"],
  ] as const) {
    it(`(${what}) closes that socket 1011 and leaves no trace of the player; others play on`, async () => {
      const room = freshRoom("join-fail");
      const { client: watcher, welcome } = await connect(room, { playerId: "watcher" });
      await watcher.nextSnapshot((s) => s.payload.mode === "full");
      await runInDurableObject(stubFor(room), (_instance, state) => {
        for (const op of ["INSERT", "UPDATE"]) {
          state.storage.sql.exec(`CREATE TRIGGER fail_${op} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END`);
        }
      });

      const doomed = await open(room, "doomed");
      const closed = await doomed.closed();
      expect(closed.code).toBe(CloseCode.internalError);
      expect(closed.reason).toMatch(/failed to admit/);

      await runInDurableObject(stubFor(room), (_instance, state) => {
        for (const op of ["INSERT", "UPDATE"]) state.storage.sql.exec(`DROP TRIGGER fail_${op}`);
        const open = state.storage.sql.exec("SELECT session_id FROM game_sessions WHERE user_id = 'doomed' AND disconnected_at IS NULL").toArray();
        expect(open).toEqual([]);
      });
      expect(await roomInfo(room)).toMatchObject({ players: 1 });
      // The watcher still plays, and the world holds only the watcher.
      watcher.sendInputs(held({ up: true }, 1, 3));
      await watcher.nextSnapshot((s) => s.payload.ackInputSeq === 3);
      watcher.send({ v: 2, kind: Kind.command, seq: watcher.nextSeq(), feature: "session", action: "resync" });
      const full = await watcher.nextSnapshot((s) => s.payload.mode === "full");
      expect(Object.keys(full.payload.features.movement!.set!)).toEqual([(welcome as WelcomeMessage).payload.entityId]);
      // And the room admits the same player once storage works again.
      const retry = await connect(room, { playerId: "doomed" });
      expect(retry.welcome.payload.playerId).toBe("doomed");
      retry.client.close();
      watcher.close();
    });
  }

  it("(reading the player's profile, before the socket exists) closes 1011 with a reason, not an opaque 500; others play on", async () => {
    const room = freshRoom("join-fail");
    const { client: watcher } = await connect(room, { playerId: "watcher" });
    await watcher.nextSnapshot((s) => s.payload.mode === "full");
    await runInDurableObject(stubFor(room), (_instance, state) => {
      state.storage.sql.exec("ALTER TABLE character_profiles RENAME TO character_profiles_gone");
    });

    const doomed = await open(room, "doomed-early");
    const closed = await doomed.closed();
    expect(closed.code).toBe(CloseCode.internalError);
    expect(closed.reason).toMatch(/failed to admit/);
    watcher.sendInputs(held({ up: true }, 1, 3));
    await watcher.nextSnapshot((s) => s.payload.ackInputSeq === 3);

    await runInDurableObject(stubFor(room), (_instance, state) => {
      state.storage.sql.exec("ALTER TABLE character_profiles_gone RENAME TO character_profiles");
    });
    const retry = await connect(room, { playerId: "doomed-early" });
    expect(retry.welcome.payload.playerId).toBe("doomed-early");
    retry.client.close();
    watcher.close();
  });
});
