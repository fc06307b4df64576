import type { BuildAction, BuildPreviewFields, BuildPreviewPayload, BuildSite, ErrorPayload, StructureFields } from "@edgehold/protocol";
import type { Sim } from "@edgehold/sim-core";
import type { SqlExec } from "../../storage/rows-written.ts";
import { BuildPreviews } from "./build-previews.ts";
import { BuildState, type BuildActor, type BuildLimits, type Structure } from "./build-state.ts";
import { applyBuildAction, buildRejectedError } from "./build-step.ts";
import { mirrorChange, mirrorStructures } from "./sim-mirror.ts";
import { StructureStore } from "./structure-store.ts";

/**
 * The build feature of one room, for its server feature to call: hydrate at start-up, an input's `build` at that
 * input's step, `build.preview` commands, a player's leave, and the two channels. It is also what combat damages
 * (`damage`, `destroyed`: the StructureDamage service it provides).
 */
export class BuildRoom {
  readonly state: BuildState;
  readonly previews = new BuildPreviews();
  private readonly store: StructureStore;
  /** Structures whose hp changed since the last checkpoint (see `damage`). */
  private readonly damaged = new Set<Structure>();

  constructor(
    sql: SqlExec,
    private readonly sim: Sim,
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
    return this.state.size;
  }

  /**
   * The build action of input `seq`, applied right before that input's step of the player's body (both the regular
   * step and a catch-up `stepBody`); `withinRate` spends one of the player's build tokens. Returns the
   * `build_rejected` error payload to send to the player, or undefined (accepted: stored and in the sim).
   */
  applyInput(seq: number, action: BuildAction, actor: BuildActor, site: BuildSite, withinRate: () => boolean): ErrorPayload | undefined {
    const result = applyBuildAction({ state: this.state, store: this.store, sim: this.sim, now: this.now }, action, actor, site, withinRate);
    return result.ok ? undefined : buildRejectedError(seq, result.reason);
  }

  /**
   * Removes every structure `playerId` owns (the room owner's `/clear`, and `/ban`): their rows first (one statement,
   * a row written per structure), then the channel and the sim's tiles. Returns how many went.
   */
  clearOwnedBy(playerId: string): number {
    const owned = this.state.ownedStructures(playerId);
    if (owned.length === 0) return 0;
    this.store.removeOwnedBy(playerId);
    for (const structure of owned) {
      this.damaged.delete(structure);
      this.state.destroy(structure);
      mirrorChange(this.sim, { op: "removed", structure });
    }
    return owned.length;
  }

  /**
   * A projectile hit the structure at (tx, ty), leaving it `hp` (the sim's `tile_hit`). Memory and the channel now;
   * the row at the next checkpoint (`flushDamage`): a wall under fire changes many times a second, and losing the
   * last second of damage to a crash is cheaper than a row written per hit.
   */
  damage(tx: number, ty: number, hp: number): void {
    const structure = this.state.setHp(tx, ty, hp);
    if (structure) this.damaged.add(structure);
  }

  /**
   * The sim destroyed the structure at (tx, ty) (`tile_destroyed`; its tile is empty already). The row goes first,
   * then the structure leaves the channel: no snapshot shows it gone while SQLite still holds it.
   */
  destroyed(tx: number, ty: number): void {
    const structure = this.state.at(tx, ty);
    if (!structure) return;
    this.damaged.delete(structure);
    try {
      this.store.remove(structure);
    } finally {
      // Even if the row could not go, the sim has no tile there any more: memory follows the sim.
      this.state.destroy(structure);
    }
  }

  /** Writes the hp of structures damaged since the last call (one row each). */
  flushDamage(): void {
    for (const structure of this.damaged) this.store.updateHp(structure);
    this.damaged.clear();
  }

  /** `build.preview` from the player with this entity id (acked by the caller). Memory only. */
  preview(entityId: string, payload: BuildPreviewPayload): void {
    this.previews.apply(entityId, payload);
  }

  /**
   * The player left: their preview goes; their structures stay, and so do their build tokens (the room's buckets
   * outlive a leave: rejoining must not buy a fresh burst of builds).
   */
  leave(entityId: string): void {
    this.previews.leave(entityId);
  }

  /** Changes of channel `build` so far (see BuildState.version). */
  get buildVersion(): number {
    return this.state.version;
  }

  /** Structure ids changed after `version` of channel `build` (see BuildState.changedSince). */
  buildChangedSince(version: number): readonly string[] | undefined {
    return this.state.changedSince(version);
  }

  /** Channel `build`: structure id → fields (what a full snapshot sends). */
  buildChannel(): ReadonlyMap<string, StructureFields> {
    return this.state.channel();
  }

  /** Channel `build_preview`: entity id → previewed tile. */
  previewChannel(): ReadonlyMap<string, BuildPreviewFields> {
    return this.previews.channel();
  }
}
