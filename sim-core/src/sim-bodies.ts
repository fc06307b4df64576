import { assertSlot } from "./checks.ts";
import type { SimExports } from "./wasm-exports.ts";
import { type KinematicArrays, WasmMemoryViews, kinematicArrays } from "./wasm-memory-views.ts";

/**
 * Every body slot's kinematic state, read in place from the wasm's memory: `x[slot]` is `bodies.x(slot)` without a
 * call; `active[slot]` is 1 for an active slot, 0 for a free one (which reads 0). Live: the arrays show the sim as it
 * is whenever they are read; `end` is as of the `view()` that returned it.
 */
export interface BodyViews extends KinematicArrays {
  /** One past the highest slot in use: every active slot is below it. */
  readonly end: number;
}

/** The bodies: slots, their state (positions in m, velocities in m/s, on the 1/256 grid) and their queued inputs. */
export interface SimBodies {
  /** Number of body slots. */
  readonly capacity: number;
  /**
   * Places a body in a slot (activating it, replacing any body there, dropping any queued input). Positions are
   * clamped to the world, velocity components to ±MAX_SPEED, NaN becomes 0; all are snapped to the grid. A body
   * may be placed inside a blocking tile: it is not pushed out, but walks out (tiles it overlaps never block it).
   * Its combat state is a fresh body's (`Weapon.none`, 0 hp of 0, alive, full stamina, cooldown 0, rewind 0: call
   * `combat.arm` to arm it) and its position history is reset to the new place.
   */
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  /**
   * Frees a slot: it drops out of `stateHash()`, its queued input is dropped and its state reads as 0; the
   * projectiles it fired expire (with `expire` events).
   */
  despawn(slot: number): void;
  isActive(slot: number): boolean;
  /**
   * Overwrites an active body's state (used to restore an authoritative snapshot), sanitised like `spawn`; a
   * queued input and the combat state stay; its position history is reset to the new place (a teleported body is
   * not hittable at the old one). No effect on an inactive slot.
   */
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  /**
   * Queues the input bits (see `InputBit`; other bits are ignored) this body uses in its next step, and the aim of
   * its `fire` bit: any non-zero finite vector (the sim normalises it and puts the projectile's velocity on the
   * 1/256 grid; ignored without `fire`, and a zero or non-finite aim makes `fire` do nothing). A later call before
   * that step replaces it. No effect on an inactive slot.
   */
  setInput(slot: number, bits: number, aimX?: number, aimY?: number): void;
  /**
   * One body's own step (a catching-up body's extra one): if this body has a queued input, advances it alone by one
   * fixed step and clears its input; no other body and nothing autonomous moves. No effect without a queued input.
   */
  step(slot: number): void;
  x(slot: number): number;
  y(slot: number): number;
  vx(slot: number): number;
  vy(slot: number): number;
  /** The state of every slot at once (see BodyViews): one call per pass over the bodies. */
  view(): BodyViews;
}

/** The one view object every `view()` call returns, its `end` updated. */
type OwnBodyViews = BodyViews & { end: number };

export class WasmBodies implements SimBodies {
  readonly capacity: number;
  private readonly views: WasmMemoryViews<OwnBodyViews>;

  constructor(private readonly wasm: SimExports) {
    const capacity = (this.capacity = wasm.capacity());
    const at = { active: wasm.bodyActivePtr, x: wasm.bodyXPtr, y: wasm.bodyYPtr, vx: wasm.bodyVXPtr, vy: wasm.bodyVYPtr };
    this.views = new WasmMemoryViews(wasm.memory, (buffer) => ({ end: 0, ...kinematicArrays(buffer, capacity, at) }));
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

  setInput(slot: number, bits: number, aimX = 0, aimY = 0): void {
    assertSlot(slot, this.capacity);
    this.wasm.setInput(slot, bits, aimX, aimY);
  }

  step(slot: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.stepBody(slot);
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

  view(): BodyViews {
    const views = this.views.get();
    views.end = this.wasm.bodyEnd();
    return views;
  }
}
