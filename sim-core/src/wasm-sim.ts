import type { MovementSim } from "./movement-sim.ts";
import { assertSlot } from "./slot.ts";
import { type SimExports, readSimExports } from "./wasm-exports.ts";

/**
 * The movement simulation running in sim.wasm (built from sim-core/assembly/): what the room and the browser use.
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
}
