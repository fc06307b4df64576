// Movement's public surface (registry.ts brings it into the package's exports).
export * from "./movement-feature.ts";
export type * from "./movement-types.ts";
export * from "./movement-wire.ts";
export * from "./teleport-counter.ts";
