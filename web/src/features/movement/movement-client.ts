import { movementFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";
import { MinimapController } from "./minimap-controller.ts";

/**
 * Movement on the page: bodies are drawn between snapshots (the own body is predicted; see RoomClient), and the
 * minimap in the HUD shows where you are in the room's world and the players you see.
 */
export const movementClient = defineClientFeature(movementFeature, {
  events: {},
  channels: { movement: "interpolated" },
  controller: (session) => new MinimapController(session),
});
