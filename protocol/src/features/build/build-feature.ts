import { channel, command, defineFeature } from "../define-feature.ts";
import type { BuildPreviewFields, StructureFields } from "./build-types.ts";
import { parseBuildPreview } from "./build-validators.ts";
import { packBuild, unpackBuild, type CompactBuildChannel } from "./build-wire.ts";

/**
 * Building: place and remove actions ride movement inputs (`input.build`, so the client predicts them at their
 * step); `build.preview` shows a ghost tile to others. Channel `build` holds the room's durable structures (packed
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
});
