// Presence's public surface (registry.ts brings it into the package's exports).
export * from "./presence-feature.ts";
export type * from "./presence-types.ts";
