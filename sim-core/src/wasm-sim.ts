import { TILE_KIND_COUNT, TileKind, isTileInWorld } from "./constants.ts";
import type { MovementSim } from "./movement-sim.ts";
import { assertSlot } from "./slot.ts";
import { type SimExports, readSimExports } from "./wasm-exports.ts";

/** Throws unless tx and ty are integers (any integer: the world's bounds are checked by the caller). */
function assertTileCoordinates(tx: number, ty: number): void {
  if (!Number.isInteger(tx) || !Number.isInteger(ty)) {
    throw new RangeError(`tile (${tx}, ${ty}) needs integer coordinates`);
  }
}

/**
 * The simulation running in sim.wasm (built from sim-core/assembly/, its only implementation): what the room, the
 * browser, the tests and the bench use.
 * Host-neutral — no Node, DOM or Workers APIs — so the same file runs in workerd, Node and Chromium. The module
 * has no imports; each instance owns its own memory, so instances (rooms) are independent.
 */
export class WasmMovementSim implements MovementSim {
  readonly capacity: number;
  private readonly wasm: SimExports;

  private constructor(wasm: SimExports) {
    this.wasm = wasm;
    this.capacity = wasm.capacity();
  }

  /** Instantiates synchronously (fine for this small module in workerd, Node and browsers). */
  static fromModule(module: WebAssembly.Module): WasmMovementSim {
    return new WasmMovementSim(readSimExports(new WebAssembly.Instance(module, {}).exports));
  }

  static async fromModuleAsync(module: WebAssembly.Module): Promise<WasmMovementSim> {
    const instance = await WebAssembly.instantiate(module, {});
    return new WasmMovementSim(readSimExports(instance.exports));
  }

  spawn(slot: number, x: number, y: number, vx: number, vy: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.spawn(slot, x, y, vx, vy);
  }

  despawn(slot: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.despawn(slot);
  }

  isActive(slot: number): boolean {
    assertSlot(slot, this.capacity);
    return this.wasm.isActive(slot) !== 0;
  }

  setState(slot: number, x: number, y: number, vx: number, vy: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.setState(slot, x, y, vx, vy);
  }

  setInput(slot: number, bits: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.setInput(slot, bits);
  }

  step(): void {
    this.wasm.step();
  }

  stepBody(slot: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.stepBody(slot);
  }

  setTile(tx: number, ty: number, kind: TileKind): boolean {
    assertTileCoordinates(tx, ty);
    if (!Number.isInteger(kind) || kind < 0 || kind >= TILE_KIND_COUNT) {
      throw new RangeError(`tile kind ${kind} is not a TileKind`);
    }
    // Checked here as well: the wasm takes i32s, and a huge integer would wrap into the world.
    if (!isTileInWorld(tx, ty)) return false;
    return this.wasm.setTile(tx, ty, kind) !== 0;
  }

  tile(tx: number, ty: number): TileKind {
    assertTileCoordinates(tx, ty);
    if (!isTileInWorld(tx, ty)) return TileKind.empty;
    return this.wasm.getTile(tx, ty) as TileKind;
  }

  clearTiles(): void {
    this.wasm.clearTiles();
  }

  /** How many tiles block bodies (walls and crates). */
  get blockingTileCount(): number {
    return this.wasm.blockingTiles();
  }

  isTileOccupied(tx: number, ty: number): boolean {
    assertTileCoordinates(tx, ty);
    if (!isTileInWorld(tx, ty)) return false;
    return this.wasm.isTileOccupied(tx, ty) !== 0;
  }

  x(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getX(slot);
  }

  y(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getY(slot);
  }

  vx(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getVX(slot);
  }

  vy(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getVY(slot);
  }

  stateHash(): number {
    return this.wasm.stateHash() >>> 0;
  }

  tilesHash(): number {
    return this.wasm.tilesHash() >>> 0;
  }
}
