import { abortAllDurableObjects, env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloseCode, ErrorCode } from "@edgehold/protocol";
import { app } from "../src/app.ts";
import { DEFAULT_ROOM_KIND } from "../src/room/kinds/room-kinds.ts";
import { RoomMetaStore } from "../src/storage/room-meta.ts";
import { say, sayRefused, seen } from "./support/chat-client.ts";
import { ADMIN_TOKEN, createRoom, roomDiagnostics, roomInfo } from "./support/room-api.ts";
import { connect, freshRoom } from "./support/test-client.ts";

const roomObject = (code: string) => env.ROOMS.get(env.ROOMS.idFromName(code));

function post(body: unknown, headers: Record<string, string> = { "X-Player-Id": "creator" }): Promise<Response> {
  return SELF.fetch("http://example.com/api/rooms", {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The user tables of a room object's SQLite (a never-created code must have none). */
function tablesOf(code: string): Promise<string[]> {
  return runInDurableObject(roomObject(code), (_instance, state) =>
    state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'")
      .toArray()
      .map((row) => row.name),
  );
}

describe("POST /api/rooms: a room with a kind and a real owner", () => {
  it("creates a room of the default kind owned by its creator (201), with a fresh unguessable code each time", async () => {
    const response = await post({});
    expect(response.status).toBe(201);
    const created = (await response.json()) as { code: string };
    expect(created).toEqual({ code: expect.stringMatching(/^[a-z]+-[a-z]+-[2-9a-z]{3}-[2-9a-z]{4}$/), kind: "room", public: false, owner: "creator", capacity: 128 });
    const again = (await (await post({ kind: "room", public: true })).json()) as { code: string; public: boolean };
    expect(again.code).not.toBe(created.code);
    expect(again.public).toBe(true);
    expect(await roomInfo(created.code)).toEqual({
      code: created.code, kind: "room", public: false, owner: "creator", capacity: 128, players: 0, tickRate: 30, snapshotRate: 10,
      createdAt: expect.any(String),
    });
  });

  it("refuses an unknown kind (400 unknown_kind), a wrong type (400 invalid_body) and nobody named (401)", async () => {
    const unknown = await post({ kind: "castle" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: ErrorCode.unknownKind, field: "kind", message: expect.stringContaining("room") });
    for (const [body, field] of [[{ kind: 7 }, "kind"], [{ public: "yes" }, "public"], ["[1]", "body"]] as const) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_body", field });
    }
    const bad = await post("{not json");
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([400, "invalid_json"]);
    const anonymous = await post({}, {});
    expect(anonymous.status).toBe(401);
  });

  it("the creator's owner commands work there; in a room opened by link nobody owns, they answer forbidden", async () => {
    const code = await createRoom("olga");
    const olga = await connect(code, { playerId: "olga", name: "Olga" });
    const pat = await connect(code, { playerId: "pat", name: "Pat" });
    // Pat joined second but would have been the owner had Olga's link been opened by him first: ownership is the creator's.
    expect(await sayRefused(pat.client, "/kick olga")).toMatchObject({ code: ErrorCode.forbidden });
    say(olga.client, "/kick pat");
    expect(await pat.client.closed()).toMatchObject({ code: CloseCode.kicked });

    const linked = freshRoom("linked");
    const first = await connect(linked, { playerId: "first", name: "First" });
    const second = await connect(linked, { playerId: "second", name: "Second" });
    expect(await sayRefused(first.client, "/kick second")).toMatchObject({ code: ErrorCode.forbidden, message: "only the room owner may run /kick" });
    expect((await roomInfo(linked)).owner).toBeNull();
    for (const c of [olga, first, second]) c.client.close();
  });

  it("/owner hands the room over: the new owner may moderate, the old one no longer; it survives a restart", async () => {
    const code = await createRoom("olga");
    const olga = await connect(code, { playerId: "olga", name: "Olga" });
    const pat = await connect(code, { playerId: "pat", name: "Pat" });
    const quinn = await connect(code, { playerId: "quinn", name: "Quinn" });
    say(olga.client, "/owner Pat");
    await seen(olga.client, (m) => m.kind === "event" && m.action === "system" && (m.payload as { text: string }).text === "Pat owns this room now.", "handed over");
    await seen(pat.client, (m) => m.kind === "event" && m.action === "system" && (m.payload as { text: string }).text.includes("you are its owner now"), "told");
    expect((await roomInfo(code)).owner).toBe("pat");
    expect(await sayRefused(olga.client, "/kick quinn")).toMatchObject({ code: ErrorCode.forbidden });
    for (const c of [olga, pat, quinn]) c.client.close();
    for (const c of [olga, pat, quinn]) await c.client.closed();
    await abortAllDurableObjects();
    expect((await roomInfo(code)).owner).toBe("pat");
  });

  it("a room with an owner stored before kinds existed keeps it (and is a room of the default kind)", async () => {
    const code = freshRoom("legacy");
    // The rows an earlier build wrote on a first join: the room's code, creation time and first joiner as owner.
    const { client } = await connect(code, { playerId: "early" });
    client.close();
    await client.closed();
    await runInDurableObject(roomObject(code), (_instance, state) => {
      const meta = new RoomMetaStore(state.storage.sql);
      state.storage.sql.exec("DELETE FROM room_meta WHERE key IN ('kind', 'public')");
      meta.set("owner_player_id", "early");
    });
    await abortAllDurableObjects();
    expect(await roomInfo(code)).toMatchObject({ kind: "room", owner: "early", public: false });
  });
});

describe("GET /api/rooms/:code", () => {
  it("a code never created or joined is 404 room_not_found, and nothing is stored for it", async () => {
    const code = freshRoom("nobody");
    for (let i = 0; i < 2; i++) {
      const response = await SELF.fetch(`http://example.com/api/rooms/${code}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: ErrorCode.roomNotFound, field: "code" });
    }
    expect(await tablesOf(code)).toEqual([]);
    // Joining by link makes it a room.
    const { client, welcome } = await connect(code, { playerId: "walker" });
    expect(welcome.payload).toMatchObject({ kind: "room", world: DEFAULT_ROOM_KIND.world });
    expect(await roomInfo(code)).toMatchObject({ code, kind: "room", owner: null, players: 1 });
    expect(await tablesOf(code)).toContain("room_meta");
    client.close();
  });

  it("carries no diagnostics: tick work and rows written are the admin API's (401 without its token, 503 when unset)", async () => {
    const code = await createRoom("olga");
    const { client } = await connect(code, { playerId: "olga" });
    await client.nextSnapshot((s) => s.payload.mode === "delta");
    const info = (await roomInfo(code)) as unknown as Record<string, unknown>;
    for (const key of ["tickWorkMs", "rowsWritten", "droppedSteps", "sessionsToday", "tick", "running"]) expect(info).not.toHaveProperty(key);
    const diagnostics = await roomDiagnostics(code);
    expect(diagnostics).toMatchObject({ code, kind: "room", players: [expect.objectContaining({ playerId: "olga" })], running: true, tickWorkMs: { samples: expect.any(Number) }, rowsWritten: { total: expect.any(Number) } });
    expect(diagnostics.tick).toBeGreaterThan(0);
    const refused = await SELF.fetch(`http://example.com/api/admin/rooms/${code}`, { headers: { Authorization: "Bearer wrong" } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "unauthorized" });
    expect((await SELF.fetch(`http://example.com/api/admin/rooms/${code}`)).status).toBe(401);
    // The same worker without the secret: the admin API is off, never open.
    const unset = await app.request(`/api/admin/rooms/${code}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }, { ...env, ADMIN_TOKEN: undefined });
    expect(unset.status).toBe(503);
    expect(await unset.json()).toMatchObject({ error: "admin_not_configured" });
    expect((await SELF.fetch(`http://example.com/api/admin/rooms/${freshRoom("none")}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
    client.close();
  });
});
