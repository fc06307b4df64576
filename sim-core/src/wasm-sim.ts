import { PROJECTILE_CAPACITY, TILE_KIND_COUNT, TileKind, isTileInWorld } from "./constants.ts";
import { type SimEvent, decodeEvent } from "./events.ts";
import type { MovementSim } from "./movement-sim.ts";
import { assertSlot } from "./slot.ts";
import { type SimExports, readSimExports } from "./wasm-exports.ts";
import { WEAPON_COUNT, type Weapon } from "./weapons.ts";

/** i32 limits: what the wasm's integer parameters hold without wrapping. */
const I32_MAX = 0x7fffffff;
const I32_MIN = -0x80000000;

/** Throws unless `value` is an integer (any magnitude; the caller clamps it into the i32 range). */
function assertInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} ${value} is not an integer`);
}

/** An integer clamped into the i32 range, so a huge value saturates instead of wrapping in the wasm call. */
function toI32(value: number): number {
  return value > I32_MAX ? I32_MAX : value < I32_MIN ? I32_MIN : value;
}

function assertProjectile(p: number): void {
  if (!Number.isInteger(p) || p < 0 || p >= PROJECTILE_CAPACITY) {
    throw new RangeError(`projectile ${p} is outside 0..${PROJECTILE_CAPACITY - 1}`);
  }
}

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

  setInput(slot: number, bits: number, aimX = 0, aimY = 0): void {
    assertSlot(slot, this.capacity);
    this.wasm.setInput(slot, bits, aimX, aimY);
  }

  step(): void {
    this.wasm.step();
  }

  stepBody(slot: number): void {
    assertSlot(slot, this.capacity);
    this.wasm.stepBody(slot);
  }

  stepProjectiles(): void {
    this.wasm.stepProjectiles();
  }

  setTile(tx: number, ty: number, kind: TileKind, hp?: number): boolean {
    assertTileCoordinates(tx, ty);
    if (!Number.isInteger(kind) || kind < 0 || kind >= TILE_KIND_COUNT) {
      throw new RangeError(`tile kind ${kind} is not a TileKind`);
    }
    if (hp !== undefined && (!Number.isInteger(hp) || hp < 1)) throw new RangeError(`tile hp ${hp} is not a positive integer`);
    // Checked here as well: the wasm takes i32s, and a huge integer would wrap into the world.
    if (!isTileInWorld(tx, ty)) return false;
    // 0 asks the wasm for the kind's default.
    return this.wasm.setTile(tx, ty, kind, hp === undefined ? 0 : toI32(hp)) !== 0;
  }

  tileHp(tx: number, ty: number): number {
    assertTileCoordinates(tx, ty);
    if (!isTileInWorld(tx, ty)) return 0;
    return this.wasm.tileHp(tx, ty);
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

  isTileOccupied(tx: number, ty: number, margin = 0): boolean {
    assertTileCoordinates(tx, ty);
    if (!(Number.isFinite(margin) && margin >= 0)) throw new RangeError(`margin ${margin} must be a finite number >= 0`);
    if (!isTileInWorld(tx, ty)) return false;
    return this.wasm.isTileOccupied(tx, ty, margin) !== 0;
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

  setCombat(slot: number, weapon: Weapon, maxHp: number): void {
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

  setSpawnProjectiles(enabled: boolean): void {
    this.wasm.setSpawnProjectiles(enabled ? 1 : 0);
  }

  setSeed(seed: number): void {
    if (!Number.isInteger(seed)) throw new RangeError(`seed ${seed} is not an integer`);
    this.wasm.setSeed(seed >>> 0);
  }

  /** The PRNG's state (a u32): what setSeed set, advanced by one per draw. */
  get seedState(): number {
    return this.wasm.getSeedState() >>> 0;
  }

  /** Draws a u32 from the sim's PRNG, as a crit roll would (a test checks the draws equal src/prng.ts's mulberry32). */
  drawRandom(): number {
    return this.wasm.drawRandom() >>> 0;
  }

  get projectileEnd(): number {
    return this.wasm.projectileEnd();
  }

  isProjectileActive(p: number): boolean {
    assertProjectile(p);
    return this.wasm.isProjectileActive(p) !== 0;
  }

  projectileX(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileX(p);
  }

  projectileY(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileY(p);
  }

  projectileVX(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileVX(p);
  }

  projectileVY(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileVY(p);
  }

  projectileOwner(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileOwner(p);
  }

  projectileWeapon(p: number): Weapon {
    assertProjectile(p);
    return this.wasm.projectileWeapon(p) as Weapon;
  }

  /** Shots lost because every projectile slot was in flight (cooldown and stamina were spent). */
  get lostShots(): number {
    return this.wasm.lostShots();
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

  stateHash(): number {
    return this.wasm.stateHash() >>> 0;
  }

  tilesHash(): number {
    return this.wasm.tilesHash() >>> 0;
  }
}
