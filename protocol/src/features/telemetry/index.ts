// The telemetry feature's public surface (registry.ts brings it into the package's exports).
export * from "./telemetry-feature.ts";
export * from "./telemetry-validator.ts";
export * from "./telemetry-types.ts";
