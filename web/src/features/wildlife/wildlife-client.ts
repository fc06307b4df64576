import { wildlifeFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";
import { WildlifeController } from "./wildlife-controller.ts";

/** The room's deer and wolves on the page, drawn by species (wildlife-controller.ts). */
export const wildlifeClient = defineClientFeature(wildlifeFeature, {
  events: {},
  channels: {},
  controller: (session) => new WildlifeController(session),
});
