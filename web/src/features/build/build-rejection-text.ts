import { BuildRejectReason } from "@edgehold/protocol";

const TEXT: Readonly<Record<BuildRejectReason, string>> = {
  [BuildRejectReason.occupied]: "can't build there: the tile is taken or someone stands too close",
  [BuildRejectReason.outOfBounds]: "can't build outside the world",
  [BuildRejectReason.outOfReach]: "too far away: you build within 6 m of yourself",
  [BuildRejectReason.protected]: "can't build walls or crates this close to where players spawn",
  [BuildRejectReason.limit]: "can't build: structure limit reached",
  [BuildRejectReason.notOwner]: "can't remove: not your structure",
  [BuildRejectReason.notFound]: "nothing to remove there",
  [BuildRejectReason.tooFast]: "building too fast: at most 5 a second",
  [BuildRejectReason.scenery]: "can't build on or remove trees, rocks or landmarks",
};

/** The HUD line for a `build_rejected` error's `reason` (a newer server's unknown reason is shown as it is). */
export function buildRejectedText(reason: string | undefined): string {
  return (reason !== undefined && TEXT[reason as BuildRejectReason]) || `build refused${reason ? `: ${reason}` : ""}`;
}
