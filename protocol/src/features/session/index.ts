// The session feature's public surface (registry.ts brings it into the package's exports).
export * from "./session-feature.ts";
export * from "./session-refresh-validator.ts";
export type * from "./session-types.ts";
