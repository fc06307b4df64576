import {
  ACCEL,
  BLOCKING_KINDS,
  SCENERY_KINDS,
  BODY_RADIUS,
  DIAGONAL,
  DEFAULT_TILE_HP,
  DT,
  EVENT_CAPACITY,
  INPUT_MASK,
  MAX_REWIND_STEPS,
  MAX_STAMINA,
  PROJECTILE_CAPACITY,
  STAMINA_REGEN_PER_STEP,
  FRICTION,
  MAX_SPEED,
  REST_SPEED,
  SIM_CAPACITY,
  TICK_RATE,
  TILE_KIND_COUNT,
  TILE_MAX,
  TILE_MIN,
  DEFAULT_WORLD,
  TileKind,
  WIRE_UNITS_PER_METRE,
  WORLD_HALF_EXTENT,
} from "./constants.ts";
import { WEAPONS, WEAPON_COUNT, WEAPON_STAT_FIELDS } from "./weapons.ts";

/** Where a state array lies in the wasm's memory: an immutable global holding its byte offset. */
export interface Address {
  readonly value: number;
}

/** The immutable globals sim.wasm exports (api/bodies.ts, combat.ts, projectiles.ts), for typed-array views. */
const ADDRESS_NAMES = [
  "bodyXPtr",
  "bodyYPtr",
  "bodyVXPtr",
  "bodyVYPtr",
  "bodyActivePtr",
  "hpPtr",
  "staminaPtr",
  "alivePtr",
  "spawnProtectedPtr",
  "projectileXPtr",
  "projectileYPtr",
  "projectileVXPtr",
  "projectileVYPtr",
  "projectileOwnerPtr",
  "projectileActivePtr",
] as const;

/**
 * What sim.wasm exports (sim-core/assembly/index.ts and api/): its memory, where its state arrays lie in it, and its
 * functions. Slots are i32; bools and hashes come back as i32.
 */
export interface SimExports extends Record<(typeof ADDRESS_NAMES)[number], Address> {
  memory: WebAssembly.Memory;
  capacity(): number;
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  despawn(slot: number): void;
  isActive(slot: number): number;
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  setInput(slot: number, bits: number, aimX: number, aimY: number): void;
  step(): void;
  stepBody(slot: number): void;
  stepProjectiles(): void;
  setTile(tx: number, ty: number, kind: number, hp: number): number;
  tileHp(tx: number, ty: number): number;
  getTile(tx: number, ty: number): number;
  clearTiles(): void;
  blockingTiles(): number;
  isTileOccupied(tx: number, ty: number, margin: number): number;
  tilesHash(): number;
  getX(slot: number): number;
  getY(slot: number): number;
  getVX(slot: number): number;
  getVY(slot: number): number;
  bodyEnd(): number;
  stateHash(): number;
  setCombat(slot: number, weapon: number, maxHp: number): void;
  getWeapon(slot: number): number;
  getHp(slot: number): number;
  setHp(slot: number, hp: number): void;
  getMaxHp(slot: number): number;
  isAlive(slot: number): number;
  setAlive(slot: number, alive: number): void;
  isSpawnProtected(slot: number): number;
  setSpawnProtected(slot: number, on: number): void;
  getStamina(slot: number): number;
  setStamina(slot: number, stamina: number): void;
  getCooldown(slot: number): number;
  setCooldown(slot: number, steps: number): void;
  getRewind(slot: number): number;
  setRewind(slot: number, steps: number): void;
  setSpawnProjectiles(enabled: number): void;
  setSeed(seed: number): void;
  getSeedState(): number;
  drawRandom(): number;
  projectileEnd(): number;
  isProjectileActive(p: number): number;
  projectileX(p: number): number;
  projectileY(p: number): number;
  projectileVX(p: number): number;
  projectileVY(p: number): number;
  projectileOwner(p: number): number;
  projectileWeapon(p: number): number;
  lostShots(): number;
  eventCount(): number;
  eventWord(index: number, word: number): number;
  clearEvents(): void;
  droppedEvents(): number;
  weaponCount(): number;
  weaponStatCount(): number;
  weaponStat(weapon: number, field: number): number;
  tickRate(): number;
  dt(): number;
  accel(): number;
  friction(): number;
  maxSpeed(): number;
  worldHalfExtent(): number;
  wireUnitsPerMetre(): number;
  restSpeed(): number;
  diagonal(): number;
  bodyRadius(): number;
  tileMin(): number;
  tileMax(): number;
  defaultTileMin(): number;
  defaultTileMax(): number;
  setWorldTiles(minTile: number, maxTile: number): number;
  worldMinTile(): number;
  worldMaxTile(): number;
  tileKindCount(): number;
  blockingKinds(): number;
  indestructibleKinds(): number;
  inputMask(): number;
  maxStamina(): number;
  staminaRegenPerStep(): number;
  maxRewindSteps(): number;
  projectileCapacity(): number;
  eventCapacity(): number;
  tileHpWall(): number;
  tileHpCrate(): number;
}

const EXPORT_NAMES = [
  "capacity",
  "spawn",
  "despawn",
  "isActive",
  "setState",
  "setInput",
  "step",
  "stepBody",
  "stepProjectiles",
  "setTile",
  "tileHp",
  "getTile",
  "clearTiles",
  "blockingTiles",
  "isTileOccupied",
  "tilesHash",
  "getX",
  "getY",
  "getVX",
  "getVY",
  "bodyEnd",
  "stateHash",
  "setCombat",
  "getWeapon",
  "getHp",
  "setHp",
  "getMaxHp",
  "isAlive",
  "setAlive",
  "isSpawnProtected",
  "setSpawnProtected",
  "getStamina",
  "setStamina",
  "getCooldown",
  "setCooldown",
  "getRewind",
  "setRewind",
  "setSpawnProjectiles",
  "setSeed",
  "getSeedState",
  "drawRandom",
  "projectileEnd",
  "isProjectileActive",
  "projectileX",
  "projectileY",
  "projectileVX",
  "projectileVY",
  "projectileOwner",
  "projectileWeapon",
  "lostShots",
  "eventCount",
  "eventWord",
  "clearEvents",
  "droppedEvents",
  "weaponCount",
  "weaponStatCount",
  "weaponStat",
  "tickRate",
  "dt",
  "accel",
  "friction",
  "maxSpeed",
  "worldHalfExtent",
  "wireUnitsPerMetre",
  "restSpeed",
  "diagonal",
  "bodyRadius",
  "tileMin",
  "tileMax",
  "defaultTileMin",
  "defaultTileMax",
  "setWorldTiles",
  "worldMinTile",
  "worldMaxTile",
  "tileKindCount",
  "blockingKinds",
  "indestructibleKinds",
  "inputMask",
  "maxStamina",
  "staminaRegenPerStep",
  "maxRewindSteps",
  "projectileCapacity",
  "eventCapacity",
  "tileHpWall",
  "tileHpCrate",
] as const satisfies readonly Exclude<keyof SimExports, "memory" | (typeof ADDRESS_NAMES)[number]>[];

/** Each wasm constant getter with the TypeScript value it must equal exactly. */
const EXPECTED_CONSTANTS: readonly (readonly [(typeof EXPORT_NAMES)[number], number])[] = [
  ["capacity", SIM_CAPACITY],
  ["tickRate", TICK_RATE],
  ["dt", DT],
  ["accel", ACCEL],
  ["friction", FRICTION],
  ["maxSpeed", MAX_SPEED],
  ["worldHalfExtent", WORLD_HALF_EXTENT],
  ["wireUnitsPerMetre", WIRE_UNITS_PER_METRE],
  ["restSpeed", REST_SPEED],
  ["diagonal", DIAGONAL],
  ["bodyRadius", BODY_RADIUS],
  ["tileMin", TILE_MIN],
  ["tileMax", TILE_MAX],
  ["defaultTileMin", DEFAULT_WORLD.minTile],
  ["defaultTileMax", DEFAULT_WORLD.maxTile],
  ["tileKindCount", TILE_KIND_COUNT],
  ["blockingKinds", BLOCKING_KINDS],
  ["indestructibleKinds", SCENERY_KINDS],
  ["inputMask", INPUT_MASK],
  ["maxStamina", MAX_STAMINA],
  ["staminaRegenPerStep", STAMINA_REGEN_PER_STEP],
  ["maxRewindSteps", MAX_REWIND_STEPS],
  ["projectileCapacity", PROJECTILE_CAPACITY],
  ["eventCapacity", EVENT_CAPACITY],
  ["tileHpWall", DEFAULT_TILE_HP[TileKind.wall]],
  ["tileHpCrate", DEFAULT_TILE_HP[TileKind.crate]],
  ["weaponCount", WEAPON_COUNT],
  ["weaponStatCount", WEAPON_STAT_FIELDS.length],
];

/** Each entry of the wasm's weapons table that differs from WEAPONS, as "weapon.field: wasm x ≠ ts y". */
function weaponTableMismatches(sim: SimExports): string[] {
  if (sim.weaponCount() !== WEAPON_COUNT || sim.weaponStatCount() !== WEAPON_STAT_FIELDS.length) return [];
  const mismatched: string[] = [];
  WEAPONS.forEach((stats, weapon) => {
    WEAPON_STAT_FIELDS.forEach((field, index) => {
      const actual = sim.weaponStat(weapon, index);
      if (!Object.is(actual, stats[field])) mismatched.push(`weapon ${weapon}.${field}: wasm ${actual} ≠ ts ${stats[field]}`);
    });
  });
  return mismatched;
}

/**
 * Checks that an instance's exports are sim.wasm's and that it was built from the same constants as this
 * TypeScript; throws naming what differs (a stale or foreign .wasm) rather than simulating differently.
 */
export function readSimExports(exports: WebAssembly.Exports): SimExports {
  const missing: string[] = EXPORT_NAMES.filter((name) => typeof exports[name] !== "function");
  missing.push(...ADDRESS_NAMES.filter((name) => !(exports[name] instanceof WebAssembly.Global)));
  if (!(exports.memory instanceof WebAssembly.Memory)) missing.unshift("memory");
  if (missing.length > 0) throw new Error(`sim.wasm lacks exports: ${missing.join(", ")}`);
  const sim = exports as unknown as SimExports;
  const mismatched = EXPECTED_CONSTANTS.map(([name, expected]) => [name, (sim[name] as () => number)(), expected] as const)
    .filter(([, actual, expected]) => !Object.is(actual, expected))
    .map(([name, actual, expected]) => `${name}: wasm ${actual} ≠ ts ${expected}`)
    .concat(weaponTableMismatches(sim));
  if (mismatched.length > 0) {
    throw new Error(`sim.wasm was built from other constants than src/constants.ts and src/weapons.ts (rebuild it): ${mismatched.join("; ")}`);
  }
  return sim;
}
