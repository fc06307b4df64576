import { assertInteger, assertSlot, toI32 } from "./checks.ts";
import { type SimEvent, decodeEvent } from "./events.ts";
import type { SimExports } from "./wasm-exports.ts";
import { WasmMemoryViews } from "./wasm-memory-views.ts";
import { WEAPON_COUNT, type Weapon } from "./weapons.ts";

/**
 * Every body slot's combat state, read in place from the wasm's memory (see BodyViews): `hp[slot]` is
 * `combat.hp(slot)` without a call. `alive` and `spawnProtected` are the bodies' flags (1 or 0): meaningful for
 * active slots only (`isAlive` is also false for a free slot; a free slot's flags read as a fresh body's).
 */
export interface CombatViews {
  readonly hp: ArrayLike<number>;
  readonly stamina: ArrayLike<number>;
  readonly alive: ArrayLike<number>;
  readonly spawnProtected: ArrayLike<number>;
}

/**
 * Each body's combat state, and what the fights did. Setters are no-ops on an inactive slot; getters of an inactive
 * slot read a fresh body.
 */
export interface SimCombat {
  /** Arms a body: `weapon`, and full hp (`maxHp`, a positive integer), stamina and readiness; alive. */
  arm(slot: number, weapon: Weapon, maxHp: number): void;
  weapon(slot: number): Weapon;
  hp(slot: number): number;
  maxHp(slot: number): number;
  /** Sets hp (an integer, clamped to 0..maxHp); does not change whether the body is alive. */
  setHp(slot: number, hp: number): void;
  /** False for an inactive slot or a dead body. */
  isAlive(slot: number): boolean;
  /**
   * A dead body treats its inputs as 0 (it neither moves by them nor fires) and is not hit by projectiles. A hit
   * that brings hp to 0 kills (a `death` event); reviving is the host's call (`setAlive(slot, true)`, `setHp`).
   */
  setAlive(slot: number, alive: boolean): void;
  /** False for an inactive slot or a body that is not spawn-protected. */
  isSpawnProtected(slot: number): boolean;
  /**
   * Spawn protection: projectiles pass through a protected body and splash spares it (no `hit`), as for a dead one.
   * The host sets it for a few seconds after a spawn and clears it when the body fires; a spawn clears it. It shows
   * in `stateHash()` (one byte) only while set.
   */
  setSpawnProtected(slot: number, on: boolean): void;
  stamina(slot: number): number;
  /** Sets stamina, clamped to 0..MAX_STAMINA (NaN → 0); the page restores it with the position on a reconcile. */
  setStamina(slot: number, stamina: number): void;
  /** Body steps until the weapon can fire again (0: ready). */
  cooldown(slot: number): number;
  /** Sets the cooldown (an integer, clamped to ≥ 0). */
  setCooldown(slot: number, steps: number): void;
  /**
   * Lag compensation for the projectiles this body fires from now on: they test every OTHER body where it was
   * `steps` world steps ago (an integer, clamped to 0..MAX_REWIND_STEPS) rather than where it is.
   */
  setRewind(slot: number, steps: number): void;
  rewind(slot: number): number;
  /**
   * The events since the last call, oldest first (see `SimEvent`); clears the buffer. At most EVENT_CAPACITY are
   * kept between two calls; the rest are counted in `droppedEvents`.
   */
  drainEvents(): SimEvent[];
  /** Events lost to a full buffer since the sim started. */
  readonly droppedEvents: number;
  /** The combat state of every slot at once (see CombatViews): one call per pass over the bodies. */
  view(): CombatViews;
}

export class WasmCombat implements SimCombat {
  private readonly capacity: number;
  private readonly views: WasmMemoryViews<CombatViews>;

  constructor(private readonly wasm: SimExports) {
    const capacity = (this.capacity = wasm.capacity());
    this.views = new WasmMemoryViews(wasm.memory, (buffer) => ({
      hp: new Int32Array(buffer, wasm.hpPtr.value, capacity),
      stamina: new Float64Array(buffer, wasm.staminaPtr.value, capacity),
      alive: new Uint8Array(buffer, wasm.alivePtr.value, capacity),
      spawnProtected: new Uint8Array(buffer, wasm.spawnProtectedPtr.value, capacity),
    }));
  }

  arm(slot: number, weapon: Weapon, maxHp: number): void {
    assertSlot(slot, this.capacity);
    if (!Number.isInteger(weapon) || weapon < 0 || weapon >= WEAPON_COUNT) throw new RangeError(`weapon ${weapon} is not a Weapon`);
    if (!Number.isInteger(maxHp) || maxHp < 1) throw new RangeError(`maxHp ${maxHp} is not a positive integer`);
    this.wasm.setCombat(slot, weapon, toI32(maxHp));
  }

  weapon(slot: number): Weapon {
    assertSlot(slot, this.capacity);
    return this.wasm.getWeapon(slot) as Weapon;
  }

  hp(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getHp(slot);
  }

  maxHp(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getMaxHp(slot);
  }

  setHp(slot: number, hp: number): void {
    assertSlot(slot, this.capacity);
    assertInteger("hp", hp);
    this.wasm.setHp(slot, toI32(hp));
  }

  isAlive(slot: number): boolean {
    assertSlot(slot, this.capacity);
    return this.wasm.isAlive(slot) !== 0;
  }

  setAlive(slot: number, alive: boolean): void {
    assertSlot(slot, this.capacity);
    this.wasm.setAlive(slot, alive ? 1 : 0);
  }

  isSpawnProtected(slot: number): boolean {
    assertSlot(slot, this.capacity);
    return this.wasm.isSpawnProtected(slot) !== 0;
  }

  setSpawnProtected(slot: number, on: boolean): void {
    assertSlot(slot, this.capacity);
    this.wasm.setSpawnProtected(slot, on ? 1 : 0);
  }

  stamina(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getStamina(slot);
  }

  setStamina(slot: number, stamina: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.setStamina(slot, stamina);
  }

  cooldown(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getCooldown(slot);
  }

  setCooldown(slot: number, steps: number): void {
    assertSlot(slot, this.capacity);
    assertInteger("cooldown", steps);
    this.wasm.setCooldown(slot, toI32(steps));
  }

  rewind(slot: number): number {
    assertSlot(slot, this.capacity);
    return this.wasm.getRewind(slot);
  }

  setRewind(slot: number, steps: number): void {
    assertSlot(slot, this.capacity);
    assertInteger("rewind", steps);
    this.wasm.setRewind(slot, toI32(steps));
  }

  drainEvents(): SimEvent[] {
    const count = this.wasm.eventCount();
    const events: SimEvent[] = new Array(count);
    const words = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < count; i++) {
      for (let w = 0; w < words.length; w++) words[w] = this.wasm.eventWord(i, w + 1);
      events[i] = decodeEvent(this.wasm.eventWord(i, 0), words);
    }
    this.wasm.clearEvents();
    return events;
  }

  get droppedEvents(): number {
    return this.wasm.droppedEvents();
  }

  view(): CombatViews {
    return this.views.get();
  }
}
