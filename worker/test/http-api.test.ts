import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connect, freshRoom } from "./support/test-client.ts";
import { roomDiagnostics } from "./support/room-api.ts";

describe("HTTP API", () => {
  it("GET /api/health reports ok, version, protocol and auth mode", async () => {
    const response = await SELF.fetch("http://example.com/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, version: "0.1.0", protocol: 2, auth: { mode: "dev" } });
  });

  it("GET /api/rooms/:code reports the room, with code normalised to lower case", async () => {
    const room = freshRoom("Info");
    const { client } = await connect(room, { playerId: "alice" });
    await client.nextSnapshot((s) => s.payload.mode === "delta");
    const response = await SELF.fetch(`http://example.com/api/rooms/${room.toUpperCase()}`);
    expect(response.status).toBe(200);
    const info = (await response.json()) as Record<string, unknown>;
    expect(info).toMatchObject({ code: room.toLowerCase(), kind: "room", owner: null, players: 1, capacity: 128, tickRate: 30, snapshotRate: 10 });
    expect(typeof info.createdAt).toBe("string");
    const diagnostics = await roomDiagnostics(room.toUpperCase());
    expect(diagnostics).toMatchObject({ code: room.toLowerCase(), running: true });
    expect(diagnostics.tick).toBeGreaterThan(0);
    expect(diagnostics.tickWorkMs).toMatchObject({ p50: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) });
    expect(diagnostics.tickWorkMs.samples).toBeGreaterThan(0);
    client.close();
  });

  it("rejects an invalid room code with 400 JSON before any upgrade", async () => {
    for (const bad of ["has%20space", "x".repeat(33), "caf%C3%A9", "semi;colon"]) {
      const response = await SELF.fetch(`http://example.com/api/rooms/${bad}/ws`, { headers: { Upgrade: "websocket" } });
      expect(response.status, bad).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_room_code", field: "code" });
    }
    const info = await SELF.fetch("http://example.com/api/rooms/bad!code");
    expect(info.status).toBe(400);
  });

  it("answers a plain GET on the socket route with 426 JSON", async () => {
    const response = await SELF.fetch(`http://example.com/api/rooms/${freshRoom()}/ws`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: "upgrade_required" });
  });

  it("rejects a malformed playerId or codec with 400 naming the field", async () => {
    const badPlayer = await SELF.fetch(`http://example.com/api/rooms/r1/ws?playerId=${"a".repeat(65)}`, { headers: { Upgrade: "websocket" } });
    expect(badPlayer.status).toBe(400);
    expect(await badPlayer.json()).toMatchObject({ field: "playerId" });
    const badCodec = await SELF.fetch("http://example.com/api/rooms/r1/ws?codec=xml", { headers: { Upgrade: "websocket" } });
    expect(badCodec.status).toBe(400);
    expect(await badCodec.json()).toMatchObject({ field: "codec" });
  });

  it("answers unknown API paths with 404 JSON", async () => {
    const response = await SELF.fetch("http://example.com/api/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });
});

describe("characters API in dev mode", () => {
  it("identifies the caller by X-Player-Id, and asks for it when missing", async () => {
    const missing = await SELF.fetch("http://example.com/api/characters");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: "unauthorized" });
    const headers = { "X-Player-Id": `dev-${Date.now()}`, "Content-Type": "application/json" };
    const created = await SELF.fetch("http://example.com/api/characters", { method: "POST", headers, body: JSON.stringify({ name: "Dev Hero", class: "rogue" }) });
    expect(created.status).toBe(201);
    const list = (await (await SELF.fetch("http://example.com/api/characters", { headers })).json()) as { characters: Array<{ name: string }> };
    expect(list.characters.map((c) => c.name)).toEqual(["Dev Hero"]);
  });
});
