// The wasm exports: the one implementation of the simulation, one file per domain under api/ (as the TypeScript
// facade is split: sim-core/src/sim.ts). WasmSim (sim-core/src/wasm-sim.ts) is the typed facade over these
// functions. Slots outside [0, CAPACITY) and tiles outside the world are ignored here (the facade rejects them first).
// The linear memory is exported too: hosts read the bodies' and projectiles' state arrays through typed-array views
// (see each api file's *Ptr exports), one pass per tick instead of one call per field of each body.

export * from "./api/world";
export * from "./api/bodies";
export * from "./api/tiles";
export * from "./api/combat";
export * from "./api/projectiles";
export * from "./api/prng";
export * from "./api/tuning";
