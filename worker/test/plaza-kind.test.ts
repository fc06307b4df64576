import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { MovementInput, SnapshotMessage } from "@edgehold/protocol";
import { BODY_RADIUS, TILE_MAX, TILE_MIN, TileKind, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { clearOfTiles, scatterPoint, scatterSpawnPoint } from "../src/features/movement/spawn-point.ts";
import { roomKindNamed } from "../src/room/kinds/room-kinds.ts";
import { createRoom, roomInfo } from "./support/room-api.ts";
import { inWorld, place } from "./support/room-internals.ts";
import { connect, held, type TestClient } from "./support/test-client.ts";

const PLAZA_WORLD = { minTile: TILE_MIN, maxTile: TILE_MAX };
/** Where the sim puts a coordinate (the 1/256 grid, halves up). */
const snap = (v: number) => Math.floor(v * 256 + 0.5) / 256;

type Body = { x: number; y: number };

async function joinedAt(room: string, playerId: string): Promise<{ client: TestClient; entityId: string; me: Body; world: unknown }> {
  const { client, welcome } = await connect(room, { playerId });
  const first = await client.nextSnapshot((s) => s.payload.mode === "full");
  const me = first.payload.features.movement!.set![welcome.payload.entityId] as Body;
  return { client, entityId: welcome.payload.entityId, me, world: welcome.payload.world };
}

function structures(snapshot: SnapshotMessage): { tx: number; ty: number }[] {
  return Object.values((snapshot.payload.features.build?.set ?? {}) as Record<string, { tx: number; ty: number }>);
}

describe("the plaza kind: a 512 m world for a crowd", () => {
  it("POST /api/rooms { kind: \"plaza\" } makes a public 1,000-player plaza", async () => {
    const response = await fetchCreate({ kind: "plaza" });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { code: string };
    expect(created).toEqual({ code: expect.any(String), kind: "plaza", public: true, owner: "creator", capacity: 1000 });
    expect(await roomInfo(created.code)).toMatchObject({ kind: "plaza", public: true, capacity: 1000, players: 0 });
    expect(roomKindNamed("plaza")).toMatchObject({ world: PLAZA_WORLD, capacity: 1000, interestRadius: 64, listed: true, spawn: "scatter" });
  });

  it("players spawn scattered over the 512 m world (not clamped into 128 m), exactly where the room put them", async () => {
    const code = await createRoom("creator", { kind: "plaza" });
    // Players whose scatter points lie beyond the 128 m room (|x| or |y| > 64) and beyond the int16 wire (> 128 m).
    const ids = Array.from({ length: 200 }, (_, i) => `walker-${i}`);
    const beyondRoom = ids.find((id) => Math.max(Math.abs(scatterPoint(id, PLAZA_WORLD).x), Math.abs(scatterPoint(id, PLAZA_WORLD).y)) > 64 && Math.abs(scatterPoint(id, PLAZA_WORLD).x) < 128)!;
    const beyondWire = ids.find((id) => Math.abs(scatterPoint(id, PLAZA_WORLD).x) > 128)!;
    for (const id of [beyondRoom, beyondWire]) {
      const { client, me, world } = await joinedAt(code, id);
      expect(world).toEqual({ ...PLAZA_WORLD, scenerySeed: expect.any(Number) });
      // Its scatter point, or the next clear one when the plaza's scenery grows there (bodies are not tiles).
      const expected = await inWorld(code, (w) => scatterSpawnPoint(w.sim, PLAZA_WORLD, id));
      // The movement channel carries it exactly (past ±128 m as a wide record), on the sim's grid.
      expect(me).toMatchObject({ x: snap(expected.x), y: snap(expected.y) });
      expect(Math.max(Math.abs(me.x), Math.abs(me.y))).toBeLessThanOrEqual(256);
      expect(Math.max(Math.abs(me.x), Math.abs(me.y))).toBeGreaterThan(64);
      client.close();
    }
  });

  it("far out in the plaza, a wall is built, sent and walked into exactly as near the origin", async () => {
    const code = await createRoom("creator", { kind: "plaza" });
    const { client, entityId } = await joinedAt(code, "builder");
    // This test is about the wide wire, not the scenery (plaza-scenery.test.ts): clear what grew on its few metres.
    await inWorld(code, (world) => {
      for (let tx = 195; tx <= 210; tx++) for (let ty = -185; ty <= -176; ty++) if (world.sim.tiles.isScenery(tx, ty)) world.sim.tiles.set(tx, ty, TileKind.empty);
    });
    await place(code, "builder", 200.5, -180.5);
    const tx = 202;
    const ty = -181;
    const inputs: MovementInput[] = held({ right: true }, 1, 45);
    inputs[0] = { ...inputs[0]!, build: { op: "place", tx, ty, kind: "wall" } };
    for (let i = 0; i < inputs.length; i += 15) client.sendInputs(inputs.slice(i, i + 15));
    const built = await client.nextSnapshot((s) => structures(s).length > 0);
    expect(structures(built)).toEqual([expect.objectContaining({ tx, ty, kind: "wall" })]);
    await client.nextSnapshot((s) => s.payload.ackInputSeq === 45, 5000);
    client.send({ v: 2, kind: "command", seq: client.nextSeq(), feature: "session", action: "resync" });
    const full = await client.nextSnapshot((s) => s.payload.mode === "full");
    expect((full.payload.features.movement!.set![entityId] as Body).x).toBe(tx - BODY_RADIUS);
    client.close();
  });

  it("scattered spawns cover the whole square, not a line across it", () => {
    const points = Array.from({ length: 400 }, (_, i) => scatterPoint(`player-${i}`, PLAZA_WORLD));
    // Near the diagonal (|x - y| < 25 m): about 10 % of a uniform square, every one of them if x and y were tied.
    expect(points.filter(({ x, y }) => Math.abs(x - y) < 25).length).toBeLessThan(80);
    for (const quadrant of [[1, 1], [1, -1], [-1, 1], [-1, -1]]) {
      expect(points.filter(({ x, y }) => Math.sign(x) === quadrant[0] && Math.sign(y) === quadrant[1]).length).toBeGreaterThan(60);
    }
  });

  it("a scattered spawn passes over points someone built on, using the room's sim", () => {
    const sim = WasmSim.fromModule(simModule);
    sim.setWorld(PLAZA_WORLD);
    const first = scatterPoint("crowded", PLAZA_WORLD);
    expect(scatterSpawnPoint(sim, PLAZA_WORLD, "crowded")).toEqual(first);
    sim.tiles.set(Math.floor(first.x), Math.floor(first.y), TileKind.wall);
    const moved = scatterSpawnPoint(sim, PLAZA_WORLD, "crowded");
    expect(moved).not.toEqual(first);
    expect(clearOfTiles(sim, moved.x, moved.y)).toBe(true);
    expect(moved).toEqual(scatterPoint("crowded#1", PLAZA_WORLD));
  });
});

function fetchCreate(body: object): Promise<Response> {
  return SELF.fetch("http://example.com/api/rooms", {
    method: "POST",
    headers: { "X-Player-Id": "creator", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
