import { describe, expect, it } from "vitest";
import { TileKind, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { respawnPoint } from "../src/features/combat/respawn-point.ts";
import { SPAWN_TRIES, spawnPoint } from "../src/features/movement/spawn-point.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { DEFAULT_ROOM_KIND } from "../src/room/kinds/room-kinds.ts";
import { RoomWorld } from "../src/room/room-world.ts";

const ring = DEFAULT_ROOM_KIND.world.spawnRing!;
const ringPoint = (key: string) => spawnPoint(key, ring);

/** Walls over the 4 × 4 tiles around (x, y): a body there overlaps some of them. */
function wallAround(sim: WasmSim, at: { x: number; y: number }): void {
  for (let tx = Math.floor(at.x) - 2; tx <= Math.floor(at.x) + 1; tx++) {
    for (let ty = Math.floor(at.y) - 2; ty <= Math.floor(at.y) + 1; ty++) sim.tiles.set(tx, ty, TileKind.wall);
  }
}

/** Whether a body placed at `at` overlaps a blocking tile, asked of the sim itself (a scratch slot). */
function insideWall(sim: WasmSim, at: { x: number; y: number }): boolean {
  const slot = sim.bodies.capacity - 1;
  sim.bodies.spawn(slot, at.x, at.y, 0, 0);
  let inside = false;
  for (let tx = Math.floor(at.x) - 1; tx <= Math.floor(at.x) + 1; tx++) {
    for (let ty = Math.floor(at.y) - 1; ty <= Math.floor(at.y) + 1; ty++) {
      if (sim.tiles.kind(tx, ty) === TileKind.wall && sim.tiles.isOccupied(tx, ty)) inside = true;
    }
  }
  sim.bodies.despawn(slot);
  return inside;
}

describe("respawn and spawn points clear of structures", () => {
  it("a respawn point someone built on is passed over for the next clear one (id#deaths#k); a clear one is kept", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const sim = world.sim as WasmSim;
    // Nothing built: the same points as ever (id#deaths).
    expect(respawnPoint(world, "pia", 3)).toEqual(ringPoint("pia#3"));
    wallAround(sim, ringPoint("pia#3"));
    expect(insideWall(sim, ringPoint("pia#3"))).toBe(true);
    const at = respawnPoint(world, "pia", 3);
    expect(insideWall(sim, at)).toBe(false);
    const k = Array.from({ length: SPAWN_TRIES }, (_, i) => i).find((i) => i > 0 && !insideWall(sim, ringPoint(`pia#3#${i}`)));
    expect(at).toEqual(ringPoint(`pia#3#${k}`));
    // The same tiles, the same point (a replay respawns the same way).
    expect(respawnPoint(world, "pia", 3)).toEqual(at);
    // Walled in at every candidate: the usual point after all (a body walks out of tiles it overlaps).
    for (let i = 1; i < SPAWN_TRIES; i++) wallAround(sim, ringPoint(`pia#3#${i}`));
    expect(respawnPoint(world, "pia", 3)).toEqual(ringPoint("pia#3"));
  });

  it("a new player does not appear inside a structure built on their spawn point", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const sim = world.sim as WasmSim;
    wallAround(sim, ringPoint("nils"));
    const player = world.join("nils", defaultCharacter("nils", "Nils"), undefined, false);
    const at = { x: sim.bodies.x(player.slot), y: sim.bodies.y(player.slot) };
    world.leave("nils");
    expect(insideWall(sim, at)).toBe(false);
    // Where nothing is built it is the usual point.
    const other = world.join("olle", defaultCharacter("olle", "Olle"), undefined, false);
    const usual = ringPoint("olle");
    expect(sim.bodies.x(other.slot)).toBeCloseTo(usual.x, 2);
    expect(sim.bodies.y(other.slot)).toBeCloseTo(usual.y, 2);
  });
});
