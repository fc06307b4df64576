import { INPUT_MASK, SIM_CAPACITY } from "./constants.ts";
import { FNV_OFFSET, fnvF64, fnvU32 } from "./fnv.ts";
import { sanitizePosition, sanitizeVelocity } from "./grid.ts";
import type { MovementSim } from "./movement-sim.ts";
import { type MovementState, stepEntity } from "./movement.ts";
import { assertSlot } from "./slot.ts";

/** Marks a queued input, so that "no keys held" (bits 0) is distinguishable from "no input this step". */
const INPUT_QUEUED = 0x80;

/**
 * The movement simulation in plain TypeScript: the readable specification the wasm build must match bit for bit,
 * and a fallback where wasm is unavailable. Same layout as the wasm: struct-of-arrays, no allocation in step().
 */
export class ReferenceMovementSim implements MovementSim {
  readonly capacity: number;
  private readonly state: MovementState;
  private readonly active: Uint8Array;
  /** Per slot: 0 when no input is queued, else INPUT_QUEUED | (bits & INPUT_MASK). */
  private readonly input: Uint8Array;
  /** One past the highest slot ever spawned; step() and stateHash() scan only [0, slotEnd). */
  private slotEnd = 0;

  constructor(capacity: number = SIM_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity ${capacity} must be a positive integer`);
    }
    this.capacity = capacity;
    this.state = {
      x: new Float64Array(capacity),
      y: new Float64Array(capacity),
      vx: new Float64Array(capacity),
      vy: new Float64Array(capacity),
    };
    this.active = new Uint8Array(capacity);
    this.input = new Uint8Array(capacity);
  }

  spawn(slot: number, x: number, y: number, vx: number, vy: number): void {
    assertSlot(slot, this.capacity);
    this.active[slot] = 1;
    this.input[slot] = 0;
    this.writeState(slot, x, y, vx, vy);
    if (slot >= this.slotEnd) this.slotEnd = slot + 1;
  }

  despawn(slot: number): void {
    assertSlot(slot, this.capacity);
    this.active[slot] = 0;
    this.input[slot] = 0;
    this.writeState(slot, 0, 0, 0, 0);
  }

  isActive(slot: number): boolean {
    assertSlot(slot, this.capacity);
    return this.active[slot] !== 0;
  }

  setState(slot: number, x: number, y: number, vx: number, vy: number): void {
    if (!this.isActive(slot)) return;
    this.writeState(slot, x, y, vx, vy);
  }

  setInput(slot: number, bits: number): void {
    if (!this.isActive(slot)) return;
    this.input[slot] = INPUT_QUEUED | (bits & INPUT_MASK);
  }

  step(): void {
    const { input, state } = this;
    for (let slot = 0; slot < this.slotEnd; slot++) {
      const queued = input[slot]!;
      if (queued === 0) continue;
      input[slot] = 0;
      stepEntity(state, slot, queued & INPUT_MASK);
    }
  }

  x(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.state.x[slot]!;
  }

  y(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.state.y[slot]!;
  }

  vx(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.state.vx[slot]!;
  }

  vy(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.state.vy[slot]!;
  }

  stateHash(): number {
    const { active, state } = this;
    let hash = FNV_OFFSET;
    for (let slot = 0; slot < this.slotEnd; slot++) {
      if (active[slot] === 0) continue;
      hash = fnvU32(hash, slot);
      hash = fnvF64(hash, state.x[slot]!);
      hash = fnvF64(hash, state.y[slot]!);
      hash = fnvF64(hash, state.vx[slot]!);
      hash = fnvF64(hash, state.vy[slot]!);
    }
    return hash;
  }

  private writeState(slot: number, x: number, y: number, vx: number, vy: number): void {
    this.state.x[slot] = sanitizePosition(x);
    this.state.y[slot] = sanitizePosition(y);
    this.state.vx[slot] = sanitizeVelocity(vx);
    this.state.vy[slot] = sanitizeVelocity(vy);
  }
}
