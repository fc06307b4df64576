import { defineFeature } from "../define-feature.ts";

/**
 * Wildlife has no wire of its own: creatures are entities in the `presence` (`kind: "creature"`), `movement` and
 * `combat` channels, which those features fill from the room's creatures. It is defined here all the same, so every
 * feature a room runs has its protocol half in the one registry (the server checks it runs no other).
 */
export const wildlifeFeature = defineFeature("wildlife", { commands: {}, events: {}, channels: {} });
