import {
  ACCEL,
  BLOCKING_KINDS,
  BODY_RADIUS,
  DIAGONAL,
  DT,
  FRICTION,
  MAX_SPEED,
  REST_SPEED,
  SIM_CAPACITY,
  TICK_RATE,
  TILE_KIND_COUNT,
  TILE_MAX,
  TILE_MIN,
  WIRE_UNITS_PER_METRE,
  WORLD_HALF_EXTENT,
} from "./constants.ts";

/** The functions sim.wasm exports (sim-core/assembly/index.ts). Slots are i32; bools and hashes come back as i32. */
export interface SimExports {
  capacity(): number;
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  despawn(slot: number): void;
  isActive(slot: number): number;
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  setInput(slot: number, bits: number): void;
  step(): void;
  stepBody(slot: number): void;
  setTile(tx: number, ty: number, kind: number): number;
  getTile(tx: number, ty: number): number;
  clearTiles(): void;
  blockingTiles(): number;
  isTileOccupied(tx: number, ty: number): number;
  tilesHash(): number;
  getX(slot: number): number;
  getY(slot: number): number;
  getVX(slot: number): number;
  getVY(slot: number): number;
  stateHash(): number;
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
  tileKindCount(): number;
  blockingKinds(): number;
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
  "setTile",
  "getTile",
  "clearTiles",
  "blockingTiles",
  "isTileOccupied",
  "tilesHash",
  "getX",
  "getY",
  "getVX",
  "getVY",
  "stateHash",
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
  "tileKindCount",
  "blockingKinds",
] as const satisfies readonly (keyof SimExports)[];

/** Each wasm constant getter with the TypeScript value it must equal exactly. */
const EXPECTED_CONSTANTS: readonly (readonly [keyof SimExports, number])[] = [
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
  ["tileKindCount", TILE_KIND_COUNT],
  ["blockingKinds", BLOCKING_KINDS],
];

/**
 * Checks that an instance's exports are sim.wasm's and that it was built from the same constants as this
 * TypeScript; throws naming what differs (a stale or foreign .wasm) rather than simulating differently.
 */
export function readSimExports(exports: WebAssembly.Exports): SimExports {
  const missing = EXPORT_NAMES.filter((name) => typeof exports[name] !== "function");
  if (missing.length > 0) throw new Error(`sim.wasm lacks exports: ${missing.join(", ")}`);
  const sim = exports as unknown as SimExports;
  const mismatched = EXPECTED_CONSTANTS.map(([name, expected]) => [name, (sim[name] as () => number)(), expected] as const)
    .filter(([, actual, expected]) => !Object.is(actual, expected))
    .map(([name, actual, expected]) => `${name}: wasm ${actual} ≠ ts ${expected}`);
  if (mismatched.length > 0) {
    throw new Error(`sim.wasm was built from other constants than src/constants.ts (rebuild it): ${mismatched.join("; ")}`);
  }
  return sim;
}
