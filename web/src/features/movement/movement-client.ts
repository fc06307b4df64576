import { movementFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";

/** Movement on the page: bodies are drawn between snapshots (the own body is predicted; see RoomClient). */
export const movementClient = defineClientFeature(movementFeature, {
  events: {},
  channels: { movement: "interpolated" },
});
