import {
  BUILD_TILE_MAX,
  BUILD_TILE_MIN,
  BuildOp,
  BuildRejectReason,
  isStructureKind,
  isTileCoordinate,
  placementRefusal,
  StructureKind,
  Channel,
  type BuildAction,
  type MovementInput,
} from "@edgehold/protocol";
import { TILE_MAX, TILE_MIN, TileKind, type SimEvent } from "@edgehold/sim-core";
import { predictionPart, type PredictionHost, type PredictionParticipant } from "../../net/prediction.ts";

// The protocol's tile bounds are its own constants (it does not import sim-core): a page whose build channel could not
// carry every tile its sim holds would miss structures the room sends, so such a build fails as soon as it loads.
if (BUILD_TILE_MIN > TILE_MIN || BUILD_TILE_MAX < TILE_MAX) {
  throw new Error(`protocol tile bounds ${BUILD_TILE_MIN}..${BUILD_TILE_MAX} do not hold sim-core's ${TILE_MIN}..${TILE_MAX}`);
}

const TILE_KIND: Readonly<Record<StructureKind, TileKind>> = {
  [StructureKind.wall]: TileKind.wall,
  [StructureKind.crate]: TileKind.crate,
  [StructureKind.floor]: TileKind.floor,
};

const SIDE = TILE_MAX - TILE_MIN + 1;
const keyOf = (tx: number, ty: number) => (ty - TILE_MIN) * SIDE + (tx - TILE_MIN);

interface TileState {
  kind: TileKind;
  /** The placing player (the page predicts removing only its own structures). */
  owner: string;
}

/**
 * The static world of the page's predicting sim (build's prediction part): the room's structures (the `build`
 * channel) plus this player's own build actions that the room has not acknowledged yet, each applied at its input's
 * step. The Predictor calls `rebase()` when an authoritative state arrives (the sim's tiles become the room's, as of
 * that snapshot, which already includes every acknowledged build) and `beforeStep()` right before stepping an input
 * (its build action, if any), both on first prediction and on every replay, so the predicted body meets a wall at
 * exactly the step the room's body does. Only the tiles that differ are written to the sim, so a room of 10,000
 * structures costs a map walk per snapshot, not 10,000 writes.
 */
export class PredictedTiles implements PredictionParticipant {
  /** What the sim's tile grid holds now (non-empty tiles), as this class wrote it. */
  private readonly applied = new Map<number, TileState>();

  constructor(private readonly host: PredictionHost) {}

  /**
   * Why the room would refuse `action` if the own body applied it now (the predicting sim's state: the latest
   * predicted step), as far as the page knows: the shared fair-play rules (bounds, reach, spawn protection, bodies
   * the page holds), a structure already there, removing one that is not its own. Undefined: it would be accepted
   * (the room may still refuse on what only it knows, e.g. its limits). The ghost turns red on a refusal.
   */
  refusal(action: BuildAction): BuildRejectReason | undefined {
    const { sim, selfSlot } = this.host;
    const world = this.host.world();
    if (!world || !sim.bodies.isActive(selfSlot)) return undefined;
    const site = {
      world,
      builderX: sim.bodies.x(selfSlot),
      builderY: sim.bodies.y(selfSlot),
      bodyNear: (tx: number, ty: number, margin: number) => sim.tiles.isOccupied(tx, ty, margin),
      isScenery: (tx: number, ty: number) => sim.tiles.isScenery(tx, ty),
    };
    const refused = placementRefusal(action, site);
    if (refused) return refused;
    const existing = this.applied.get(keyOf(action.tx, action.ty));
    if (action.op === BuildOp.place) return existing ? BuildRejectReason.occupied : undefined;
    if (!existing) return BuildRejectReason.notFound;
    return existing.owner === this.host.selfPlayerId() ? undefined : BuildRejectReason.notOwner;
  }

  /** Resets the sim's tiles to the room's structures: predicted builds not yet acknowledged are undone. */
  rebase(): void {
    const target = new Map<number, TileState>();
    for (const fields of this.host.replica.get(Channel.build)?.values() ?? []) {
      const { tx, ty, kind, owner } = fields;
      if (!isTileCoordinate(tx) || !isTileCoordinate(ty) || !isStructureKind(kind)) continue;
      target.set(keyOf(tx, ty), { kind: TILE_KIND[kind], owner: typeof owner === "string" ? owner : "" });
    }
    for (const [key, state] of this.applied) {
      if (target.get(key)?.kind !== state.kind) this.write(key, target.get(key));
    }
    for (const [key, state] of target) {
      if (this.applied.get(key)?.kind !== state.kind) this.write(key, state);
      else this.applied.set(key, state);
    }
  }

  /**
   * One of this player's build actions, at its input's step (before that step's movement, so the own body is where
   * the room's is when it decides), predicted with the room's rules as far as the page knows them (`refusal`): a
   * refused one changes nothing here either, so it never shows as a wall that later vanishes. (The room may still
   * refuse on what only it knows, e.g. `limit`: then the next snapshot corrects.)
   */
  applyBuild(action: BuildAction): void {
    if (this.refusal(action) !== undefined || !this.host.world()) return;
    const key = keyOf(action.tx, action.ty);
    if (action.op === BuildOp.place) this.write(key, { kind: TILE_KIND[action.kind], owner: this.host.selfPlayerId() ?? "" });
    else this.write(key, undefined);
  }

  beforeStep(input: MovementInput): void {
    if (input.build) this.applyBuild(input.build);
  }

  /**
   * The sim changed a tile on its own (a predicted projectile destroyed it): this class no longer knows what the sim
   * holds there, so the next `rebase` writes the room's tile back.
   */
  simEvents(events: readonly SimEvent[]): void {
    for (const event of events) if (event.type === "tile_destroyed") this.applied.delete(keyOf(event.tx, event.ty));
  }

  /** Empties every tile this class wrote (a new session: the next snapshot's structures come in fresh). */
  reset(): void {
    for (const key of [...this.applied.keys()]) this.write(key, undefined);
  }

  private write(key: number, state: TileState | undefined): void {
    const tx = (key % SIDE) + TILE_MIN;
    const ty = Math.floor(key / SIDE) + TILE_MIN;
    this.host.sim.tiles.set(tx, ty, state?.kind ?? TileKind.empty);
    if (state) this.applied.set(key, state);
    else this.applied.delete(key);
  }
}

/** Build's prediction part of a room client (see RoomClient.prediction). */
export const buildPrediction = predictionPart((host) => new PredictedTiles(host));
