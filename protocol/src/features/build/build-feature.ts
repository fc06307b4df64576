import { channel, command, defineFeature, inputFields } from "../define-feature.ts";
import type { BuildInputFields, BuildPreviewFields, StructureFields } from "./build-types.ts";
import { parseBuildInput, parseBuildPreview } from "./build-validators.ts";
import { packBuild, unpackBuild, type CompactBuildChannel } from "./build-wire.ts";

/**
 * Building: place and remove actions ride the step inputs (`input.build`, declared here, so the client predicts them
 * at their step); `build.preview` shows a ghost tile to others. Channel `build` holds the room's durable structures (packed
 * compactly in binary mode), `build_preview` who is previewing what (never stored).
 */
export const buildFeature = defineFeature("build", {
  commands: { preview: command(parseBuildPreview) },
  events: {},
  channels: {
    build: channel<StructureFields>({
      binary: { pack: packBuild, unpack: (packed) => unpackBuild(packed as CompactBuildChannel) },
    }),
    build_preview: channel<BuildPreviewFields>(),
  },
  input: inputFields<BuildInputFields>(["build"], parseBuildInput),
  errors: {
    build_rejected:
      "A build action (an input's `build`) the room refused; the payload's `reason` says why (BuildRejectReason) and `seq` is the input's seq. The input's movement still applied.",
  },
});
