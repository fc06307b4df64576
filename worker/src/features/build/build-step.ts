import { ErrorCode, placementRefusal, type BuildAction, type BuildRejectReason, type BuildSite, type ErrorPayload } from "@edgehold/protocol";
import type { Sim } from "@edgehold/sim-core";
import type { BuildActor, BuildResult, BuildState } from "./build-state.ts";
import { mirrorChange } from "./sim-mirror.ts";
import type { StructureStore } from "./structure-store.ts";

/** What applying a build action needs from the room: its structures, their table, its sim and its clock. */
export interface BuildWorld {
  readonly state: BuildState;
  readonly store: StructureStore;
  readonly sim: Sim;
  /** The room's clock (ms): the row's `placed_at`. */
  now(): number;
}

/**
 * Applies the `build` of one input, at that input's step and before the step's movement: the fair-play rules of
 * where it may act first (the same function the page predicts with), then the room's own (structures, owners,
 * limits); an accepted change is written to SQLite (one row) and then mirrored into the sim, so no snapshot can show
 * a structure that is not stored. A storage failure undoes the change in memory and throws (the room logs it; the
 * structure simply never appeared). `withinRate` spends one of the actor's build tokens (see BuildState.apply).
 */
export function applyBuildAction(world: BuildWorld, action: BuildAction, actor: BuildActor, site: BuildSite, withinRate: () => boolean): BuildResult {
  const refusal = placementRefusal(action, site);
  if (refusal) return { ok: false, reason: refusal };
  const { state, store, sim } = world;
  const result = state.apply(action, actor, withinRate);
  const now = world.now();
  if (!result.ok) return result;
  try {
    if (result.change.op === "placed") store.place(result.change.structure, now);
    else store.remove(result.change.structure);
  } catch (error) {
    state.revert(result.change);
    throw error;
  }
  mirrorChange(sim, result.change);
  return result;
}

/** The `error` payload telling the sender why the build of input `inputSeq` was refused. */
export function buildRejectedError(inputSeq: number, reason: BuildRejectReason): ErrorPayload {
  return { code: ErrorCode.buildRejected, message: `build action of input ${inputSeq} refused: ${reason}`, seq: inputSeq, reason };
}
