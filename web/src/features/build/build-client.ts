import { buildFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";

/**
 * Building on the page: structures and other players' previews are latest-value channels (the newest snapshot is
 * the truth; nothing is interpolated). Own build actions ride the input stream and are predicted (predicted-tiles.ts);
 * a refused one arrives as a `build_rejected` error (build-rejection-text.ts).
 */
export const buildClient = defineClientFeature(buildFeature, {
  events: {},
  channels: { build: "latest", build_preview: "latest" },
});
