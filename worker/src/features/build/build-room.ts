import type { BuildPreviewFields, BuildPreviewPayload, ChannelPatch, ErrorPayload, MovementInput, StructureFields } from "@edgehold/protocol";
import type { MovementSim } from "@edgehold/sim-core";
import type { SqlExec } from "../../storage/rows-written.ts";
import { BuildPreviews } from "./build-previews.ts";
import { BuildState, type BuildLimits } from "./build-state.ts";
import { applyBuildAction, buildRejectedError } from "./build-step.ts";
import { mirrorStructures } from "./sim-mirror.ts";
import { StructureStore } from "./structure-store.ts";

/**
 * The build feature of one room, for the room's wiring (or its feature seam) to call: hydrate at start-up, an
 * input's `build` at that input's step, `build.preview` commands, a player's leave, and the two channels.
 */
export class BuildRoom {
  readonly state: BuildState;
  readonly previews = new BuildPreviews();
  private readonly store: StructureStore;

  constructor(
    sql: SqlExec,
    private readonly sim: MovementSim,
    private readonly now: () => number = () => Date.now(),
    limits: Partial<BuildLimits> = {},
  ) {
    this.store = new StructureStore(sql);
    this.state = new BuildState(limits);
  }

  /** At start-up, before any input: every stored structure into the rules and the sim. Returns how many. */
  hydrate(): number {
    this.state.hydrate(this.store.loadAll());
    mirrorStructures(this.sim, this.state.all());
    // Nobody holds a copy yet (every client starts with a full snapshot): the hydrated structures are no delta.
    this.state.drainDelta();
    return this.state.size;
  }

  /**
   * The build action of `input` (if any), applied right before that input's step of the player's body (both the
   * regular step and a catch-up `stepBody`). Returns the `build_rejected` error payload to send to the player, or
   * undefined (no action, or accepted: stored and in the sim).
   */
  applyInput(input: MovementInput, playerId: string, isRoomOwner: boolean): ErrorPayload | undefined {
    if (!input.build) return undefined;
    const result = applyBuildAction({ state: this.state, store: this.store, sim: this.sim, now: this.now }, input.build, { playerId, isRoomOwner });
    return result.ok ? undefined : buildRejectedError(input.seq, result.reason);
  }

  /** `build.preview` from the player with this entity id (acked by the caller). Memory only. */
  preview(entityId: string, payload: BuildPreviewPayload): void {
    this.previews.apply(entityId, payload);
  }

  /**
   * The player left: their preview goes; their structures stay, and so does their rate window (leaving and
   * rejoining must not buy a fresh burst of builds).
   */
  leave(entityId: string): void {
    this.previews.leave(entityId);
  }

  /** Changes of channel `build` so far (see BuildState.version). */
  get buildVersion(): number {
    return this.state.version;
  }

  /** Channel `build`: structure id → fields (what a full snapshot sends). */
  buildChannel(): ReadonlyMap<string, StructureFields> {
    return this.state.channel();
  }

  /**
   * Channel `build`'s delta since the last call, for the snapshot tick's shared delta (call once per snapshot tick);
   * undefined when nothing changed. Cheaper than diffing 10,000 structures every tick (see BuildState.drainDelta).
   */
  buildDelta(): ChannelPatch<StructureFields> | undefined {
    return this.state.drainDelta();
  }

  /** Channel `build_preview`: entity id → previewed tile. */
  previewChannel(): ReadonlyMap<string, BuildPreviewFields> {
    return this.previews.channel();
  }
}
