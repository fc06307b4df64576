// Public API of @edgehold/sim-core. Host-neutral: nothing reachable from here uses Node, DOM or Workers APIs
// (the Node-only disk loader is src/node-loader.ts, imported directly by Node tests and benches).

export type { MovementSim } from "./movement-sim.ts";
export {
  ACCEL,
  BODY_RADIUS,
  DT,
  FRICTION,
  InputBit,
  MAX_SPEED,
  SIM_CAPACITY,
  TICK_RATE,
  TILE_MAX,
  TILE_MIN,
  TileKind,
  WIRE_UNITS_PER_METRE,
  WORLD_HALF_EXTENT,
  isTileInWorld,
  tileBlocks,
} from "./constants.ts";
export { WasmMovementSim } from "./wasm-sim.ts";
export { mulberry32 } from "./prng.ts";
export { runDeterminismScenario, type ScenarioOptions, type ScenarioResult } from "./scenario.ts";
