import { describe, expect, it } from "vitest";
import { TileKind, WasmSim, fnvString } from "../src/index.ts";
import { FNV_OFFSET, fnvByte, fnvF64, fnvU32 } from "../src/fnv.ts";
import { simModule } from "./load-wasm.ts";

describe("FNV-1a: the TypeScript hosts' one implementation", () => {
  it("hashes a world's bytes exactly as sim.wasm's stateHash() and tiles.hash() do (assembly/hash.ts)", () => {
    const sim = WasmSim.fromModule(simModule);
    const bodies = [
      { slot: 0, x: 1.5, y: -2.25, vx: 0.5, vy: 0 },
      { slot: 2, x: -63.99609375, y: 4, vx: -1, vy: 5.99609375 },
    ];
    for (const { slot, x, y, vx, vy } of bodies) sim.bodies.spawn(slot, x, y, vx, vy);
    // Row by row (ty, then tx): a floor, a wall at its default hp, a crate at 7 hp (kind | 0x80, then its hp).
    sim.tiles.set(1, 1, TileKind.wall);
    sim.tiles.set(-3, 5, TileKind.crate, 7);
    sim.tiles.set(0, 0, TileKind.floor);
    const tiles = (hash: number) => {
      hash = fnvByte(fnvU32(fnvU32(hash, 0), 0), TileKind.floor);
      hash = fnvByte(fnvU32(fnvU32(hash, 1), 1), TileKind.wall);
      return fnvU32(fnvByte(fnvU32(fnvU32(hash, -3 >>> 0), 5), TileKind.crate | 0x80), 7);
    };
    let state = FNV_OFFSET;
    for (const { slot, x, y, vx, vy } of bodies) state = [x, y, vx, vy].reduce(fnvF64, fnvU32(state, slot));
    expect(sim.tiles.hash()).toBe(tiles(FNV_OFFSET));
    expect(sim.stateHash()).toBe(tiles(state));
  });

  it("hashes strings by UTF-16 unit: the standard FNV-1a for ASCII, stable for the rest", () => {
    expect(fnvString("")).toBe(FNV_OFFSET);
    expect(fnvString("a")).toBe(0xe40c292c);
    expect(fnvString("foobar")).toBe(0xbf9cf968);
    // Spawn points and default names of players already seen depend on these staying put.
    expect(fnvString("bot-0")).toBe(0xcb21badb);
    expect(fnvString("€uro")).toBe(0x859bccf5);
  });
});
