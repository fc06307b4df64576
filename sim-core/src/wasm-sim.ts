import { isValidWorld, type WorldBounds } from "./constants.ts";
import type { Sim } from "./sim.ts";
import { WasmBodies } from "./sim-bodies.ts";
import { WasmCombat } from "./sim-combat.ts";
import { WasmPrng } from "./sim-prng.ts";
import { WasmProjectiles } from "./sim-projectiles.ts";
import { WasmTiles } from "./sim-tiles.ts";
import { type SimExports, readSimExports } from "./wasm-exports.ts";
import { assertLittleEndian } from "./wasm-memory-views.ts";

/**
 * The simulation running in sim.wasm (built from sim-core/assembly/, its only implementation): what the room, the
 * browser, the tests and the bench use, one object per domain over the same module instance.
 * Host-neutral — no Node, DOM or Workers APIs — so the same file runs in workerd, Node and Chromium. The module
 * has no imports; each instance owns its own memory, so instances (rooms) are independent.
 */
export class WasmSim implements Sim {
  readonly bodies: WasmBodies;
  readonly tiles: WasmTiles;
  readonly projectiles: WasmProjectiles;
  readonly combat: WasmCombat;
  readonly prng: WasmPrng;

  private constructor(private readonly wasm: SimExports) {
    assertLittleEndian();
    this.bodies = new WasmBodies(wasm);
    this.tiles = new WasmTiles(wasm);
    this.projectiles = new WasmProjectiles(wasm);
    this.combat = new WasmCombat(wasm);
    this.prng = new WasmPrng(wasm);
  }

  /** Instantiates synchronously (fine for this small module in workerd, Node and browsers). */
  static fromModule(module: WebAssembly.Module): WasmSim {
    return new WasmSim(readSimExports(new WebAssembly.Instance(module, {}).exports));
  }

  static async fromModuleAsync(module: WebAssembly.Module): Promise<WasmSim> {
    const instance = await WebAssembly.instantiate(module, {});
    return new WasmSim(readSimExports(instance.exports));
  }

  get world(): WorldBounds {
    return { minTile: this.wasm.worldMinTile(), maxTile: this.wasm.worldMaxTile() };
  }

  setWorld(world: WorldBounds): void {
    if (!isValidWorld(world)) throw new RangeError(`world tiles ${world.minTile}..${world.maxTile} are not a square of the sim's holding tile (0, 0)`);
    this.wasm.setWorldTiles(world.minTile, world.maxTile);
  }

  step(): void {
    this.wasm.step();
  }

  stateHash(): number {
    return this.wasm.stateHash() >>> 0;
  }
}
