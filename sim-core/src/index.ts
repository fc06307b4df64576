// Public API of @edgehold/sim-core. Host-neutral: nothing reachable from here uses Node, DOM or Workers APIs
// (the Node-only disk loader is src/node-loader.ts, imported directly by Node tests and benches).

export type { Sim } from "./sim.ts";
export type { BodyViews, SimBodies } from "./sim-bodies.ts";
export type { SimTiles } from "./sim-tiles.ts";
export type { ProjectileViews, SimProjectiles } from "./sim-projectiles.ts";
export type { CombatViews, SimCombat } from "./sim-combat.ts";
export type { SimPrng } from "./sim-prng.ts";
export {
  ACCEL,
  BODY_RADIUS,
  DEFAULT_TILE_HP,
  DEFAULT_WORLD,
  DT,
  EVENT_CAPACITY,
  FRICTION,
  InputBit,
  MAX_REWIND_STEPS,
  MAX_SPEED,
  MAX_STAMINA,
  PROJECTILE_CAPACITY,
  STAMINA_REGEN_PER_STEP,
  SIM_CAPACITY,
  TICK_RATE,
  TILE_MAX,
  TILE_MIN,
  TileKind,
  WIRE_UNITS_PER_METRE,
  WORLD_HALF_EXTENT,
  isSceneryKind,
  isTileInWorld,
  isValidWorld,
  type WorldBounds,
  tileBlocks,
} from "./constants.ts";
export { WasmSim } from "./wasm-sim.ts";
export { type InputFlags, inputBits, inputFlags } from "./input-flags.ts";
export { WEAPONS, Weapon, type WeaponStats } from "./weapons.ts";
export { PLAYER_MAX_HP, weaponOfClass } from "./class-weapons.ts";
export type { SimEvent } from "./events.ts";
export { mulberry32 } from "./prng.ts";
export { fnvString } from "./fnv.ts";
export { generateScenery, type Landmark, placeScenery, type Scenery, sceneryHash, type SceneryTile } from "./scenery.ts";
export { runDeterminismScenario, type ScenarioOptions, type ScenarioResult } from "./scenario.ts";
