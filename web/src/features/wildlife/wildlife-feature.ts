import { defineFeature } from "@edgehold/protocol";

/**
 * Wildlife has no wire of its own (the room's wildlife feature is named the same): creatures are entities in the
 * `presence` (`kind: "creature"`), `movement` and `combat` channels, which those features replicate.
 */
export const wildlifeFeature = defineFeature("wildlife", { commands: {}, events: {}, channels: {} });
