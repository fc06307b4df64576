// Wildlife's public surface (registry.ts brings it into the package's exports).
export * from "./wildlife-feature.ts";
