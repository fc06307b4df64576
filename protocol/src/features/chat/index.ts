// Chat's public surface (registry.ts brings it into the package's exports).
export * from "./chat-feature.ts";
export * from "./chat-types.ts";
export * from "./chat-validators.ts";
