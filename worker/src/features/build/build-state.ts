import { BuildOp, BuildRejectReason, StructureKind, type BuildAction, type StructureFields } from "@edgehold/protocol";
import { ChangeLog } from "../../room/change-log.ts";
import type { RateLimit } from "../room-context.ts";
import { tileKey } from "./tile-bounds.ts";

/** A placed structure: its fields in the `build` channel, and its room-scoped id. */
export interface Structure extends StructureFields {
  readonly id: number;
}

/** Who acts: the player, and whether they own the room (the room owner may remove anyone's structures). */
export interface BuildActor {
  readonly playerId: string;
  readonly isRoomOwner: boolean;
}

export type BuildChange = { op: "placed"; structure: Structure } | { op: "removed"; structure: Structure };
export type BuildResult = { ok: true; change: BuildChange } | { ok: false; reason: BuildRejectReason };

export interface BuildLimits {
  /** Structures a room may hold. */
  maxPerRoom: number;
  /** Structures one player may own in a room. */
  maxPerPlayer: number;
}

export const DEFAULT_BUILD_LIMITS: BuildLimits = {
  // 10,000 tiles is 61 % of the 128 × 128 world: a built-up room, whose full snapshot is still ~81 KB in binary
  // mode (8 B per structure) and whose cold hydration stays in the tens of milliseconds.
  maxPerRoom: 10_000,
  // A tenth of the room: one player cannot wall off the whole world alone.
  maxPerPlayer: 1_000,
};

/**
 * Build actions per player: 5 per second, 5 at once. Fast enough to lay a wall by hand (a click every 200 ms), too
 * slow for a script to flood the room's storage with writes (every accepted action is one row written). Spent from
 * the room's token buckets, so a player who keeps going over it is escalated like any flooder (room/flood-escalation.ts).
 */
export const BUILD_ACTION_LIMIT: RateLimit = { perSecond: 5, burst: 5 };

/**
 * Hit points of a new structure by kind (combat will spend them; the wire carries a u16). A crate is the weaker
 * blocker the design calls for; a floor blocks nothing but can still be broken.
 */
export const STRUCTURE_HP: Readonly<Record<StructureKind, number>> = {
  [StructureKind.wall]: 500,
  [StructureKind.crate]: 150,
  [StructureKind.floor]: 100,
};

/**
 * The room's structures and the rules for changing them. No IO: the room applies an input's `build` here at that
 * input's step, writes an accepted change to SQLite (StructureStore) and mirrors it into the sim (sim-mirror.ts)
 * before the next snapshot is built.
 */
export class BuildState {
  private readonly byId = new Map<number, Structure>();
  private readonly byTile = new Map<number, Structure>();
  private readonly owned = new Map<string, number>();
  /** The `build` channel: structure id → fields (a changed structure is a new object). */
  private readonly view = new Map<string, StructureFields>();
  /** Every change, by version (the channel's `changedSince`). */
  private readonly log = new ChangeLog();
  private nextId = 1;
  private readonly limits: BuildLimits;

  constructor(limits: Partial<BuildLimits> = {}) {
    this.limits = { ...DEFAULT_BUILD_LIMITS, ...limits };
  }

  /** Loads stored structures (at start-up, before any action). Ids continue after the highest one. */
  hydrate(structures: Iterable<Structure>): void {
    for (const structure of structures) this.insert(structure);
  }

  get size(): number {
    return this.byId.size;
  }

  /** How many structures `playerId` owns here. */
  ownedBy(playerId: string): number {
    return this.owned.get(playerId) ?? 0;
  }

  at(tx: number, ty: number): Structure | undefined {
    return this.byTile.get(tileKey(tx, ty));
  }

  all(): IterableIterator<Structure> {
    return this.byId.values();
  }

  /** Goes up with every change to the `build` channel: the snapshot stream skips diffing a channel that did not move. */
  get version(): number {
    return this.log.version;
  }

  /** Structure ids changed after `version` (undefined: too far back; see ChangeLog). */
  changedSince(version: number): readonly string[] | undefined {
    return this.log.since(version);
  }

  /** The `build` channel's current entities (one map, changed in place: its `version` says when). */
  channel(): ReadonlyMap<string, StructureFields> {
    return this.view;
  }

  /**
   * Applies one build action of `actor`, after the fair-play rules of where it may act (protocol's
   * `placementRefusal`: bounds, reach, spawn protection, bodies) let it through: what only the room knows — a
   * structure already there, who owns it, the limits, the rate (`withinRate`: spends one of the actor's build
   * tokens, false when none is left). On success the state has changed and the change says what to store and
   * mirror; on a rejection nothing changed (a refused action spends no rate: the rate comes last).
   */
  apply(action: BuildAction, actor: BuildActor, withinRate: () => boolean): BuildResult {
    const { tx, ty } = action;
    const existing = this.byTile.get(tileKey(tx, ty));
    if (action.op === BuildOp.remove) {
      if (!existing) return reject(BuildRejectReason.notFound);
      if (existing.owner !== actor.playerId && !actor.isRoomOwner) return reject(BuildRejectReason.notOwner);
      if (!withinRate()) return reject(BuildRejectReason.tooFast);
      this.delete(existing);
      return { ok: true, change: { op: "removed", structure: existing } };
    }
    if (existing) return reject(BuildRejectReason.occupied);
    if (this.byId.size >= this.limits.maxPerRoom || this.ownedBy(actor.playerId) >= this.limits.maxPerPlayer) {
      return reject(BuildRejectReason.limit);
    }
    if (!withinRate()) return reject(BuildRejectReason.tooFast);
    const structure: Structure = { id: this.nextId, tx, ty, kind: action.kind, owner: actor.playerId, hp: STRUCTURE_HP[action.kind] };
    this.insert(structure);
    return { ok: true, change: { op: "placed", structure } };
  }

  /** Every structure `playerId` owns here (what the room owner's `/clear` removes). */
  ownedStructures(playerId: string): Structure[] {
    if (this.ownedBy(playerId) === 0) return [];
    return [...this.byId.values()].filter((structure) => structure.owner === playerId);
  }

  /**
   * A projectile left the structure at (tx, ty) with `hp` (the sim's count, which decides). Returns the structure,
   * or undefined when there is none there. The channel shows the new hp.
   */
  setHp(tx: number, ty: number, hp: number): Structure | undefined {
    const structure = this.byTile.get(tileKey(tx, ty));
    if (!structure || structure.hp === hp) return structure;
    structure.hp = hp;
    this.view.set(String(structure.id), { tx, ty, kind: structure.kind, owner: structure.owner, hp });
    this.log.record(String(structure.id));
    return structure;
  }

  /** The structure was destroyed or cleared (its sim tile is emptied by the caller): it leaves the room. */
  destroy(structure: Structure): void {
    if (this.byId.get(structure.id) === structure) this.delete(structure);
  }

  /** Undoes an accepted change (the room calls it when storing the change failed, so memory matches SQLite). */
  revert(change: BuildChange): void {
    if (change.op === "placed") this.delete(change.structure);
    else this.insert(change.structure);
  }

  private insert(structure: Structure): void {
    this.byId.set(structure.id, structure);
    this.byTile.set(tileKey(structure.tx, structure.ty), structure);
    this.owned.set(structure.owner, this.ownedBy(structure.owner) + 1);
    const { tx, ty, kind, owner, hp } = structure;
    this.view.set(String(structure.id), { tx, ty, kind, owner, hp });
    this.log.record(String(structure.id));
    if (structure.id >= this.nextId) this.nextId = structure.id + 1;
  }

  private delete(structure: Structure): void {
    this.byId.delete(structure.id);
    this.byTile.delete(tileKey(structure.tx, structure.ty));
    const owned = this.ownedBy(structure.owner) - 1;
    if (owned > 0) this.owned.set(structure.owner, owned);
    else this.owned.delete(structure.owner);
    this.view.delete(String(structure.id));
    this.log.record(String(structure.id));
  }
}

function reject(reason: BuildRejectReason): BuildResult {
  return { ok: false, reason };
}
