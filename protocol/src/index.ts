export * from "./constants.ts";
export type * from "./messages.ts";
export * from "./codec.ts";
export * from "./validate.ts";
export * from "./movement-wire.ts";
export * from "./room-code.ts";
export * from "./replica.ts";
