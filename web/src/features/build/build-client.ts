import { buildFeature, ErrorCode } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";
import { BuildController } from "./build-controller.ts";
import { buildRejectedText } from "./build-rejection-text.ts";
import { buildPrediction } from "./predicted-tiles.ts";

/**
 * Building on the page: structures and other players' previews are latest-value channels (the newest snapshot is
 * the truth; nothing is interpolated). Own build actions ride the input stream and are predicted (predicted-tiles.ts);
 * a refused one arrives as a `build_rejected` error naming its input's seq, shown in the HUD's event lines.
 */
export const buildClient = defineClientFeature(buildFeature, {
  events: {},
  channels: { build: "latest", build_preview: "latest" },
  error: (error, _seq, context) => {
    if (error.code !== ErrorCode.buildRejected) return false;
    context.notify(buildRejectedText(error.reason));
    return true;
  },
  prediction: buildPrediction,
  controller: (session) => new BuildController(session),
});
