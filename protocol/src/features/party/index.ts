// Party's public surface (registry.ts brings it into the package's exports).
export * from "./party-feature.ts";
export * from "./party-types.ts";
