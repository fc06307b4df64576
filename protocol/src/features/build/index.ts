// Building's public surface (registry.ts brings it into the package's exports).
export * from "./build-feature.ts";
export * from "./build-placement.ts";
export * from "./build-types.ts";
export * from "./build-validators.ts";
export * from "./build-wire.ts";
