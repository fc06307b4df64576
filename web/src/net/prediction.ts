import type { MovementInput, Replica, WorldRules } from "@edgehold/protocol";
import type { Sim, SimEvent } from "@edgehold/sim-core";
import type { Kinematics } from "./kinematics.ts";

/**
 * The own body is predicted by the core (predictor.ts); what else the predicting sim holds — tiles, projectiles,
 * weapon state — belongs to the features. A feature that takes part declares a prediction part
 * (`ClientFeature.prediction`); the room client makes one per room and the Predictor calls its hooks in registry
 * order. None of the hooks may touch the own body's kinematics: those are the core's, compared with the room's.
 */

/** What a prediction part may read of its room client. */
export interface PredictionHost {
  /** The predicting sim (the same sim.wasm as the room's). */
  readonly sim: Sim;
  /** The own body's slot in it; other slots are free for the features (e.g. the others' bodies as drawn). */
  readonly selfSlot: number;
  /** Every channel's latest state. */
  readonly replica: Replica;
  selfEntityId(): string | undefined;
  selfPlayerId(): string | undefined;
  /** The room's world as its welcome described it (undefined before the welcome). */
  world(): WorldRules | undefined;
  /** Every entity where the page last drew it (the others' places: lag compensation judges shots there). */
  drawn(): ReadonlyMap<string, Kinematics>;
}

/**
 * One feature's part in predicting the own inputs. `Memo` is what the part keeps per predicted input (combat: the
 * weapon's cooldown and stamina after it), handed back when the room acknowledges that input.
 */
export interface PredictionParticipant<Memo = unknown> {
  /**
   * The room's state of the own body as of the acknowledged input was just written into the sim (`first`: the body
   * was just spawned, the session's first snapshot). Make the rest of the sim the room's too (tiles) and restore
   * what the snapshot does not carry (`memo`: what `remember` returned after that input; undefined when nothing was
   * predicted for it). The pending inputs are replayed right after.
   */
  rebase?(first: boolean, memo: Memo | undefined): void;
  /** Right before an input's step, first prediction and replays alike: apply what rides it (a build action). */
  beforeStep?(input: MovementInput): void;
  /** A replay starts (`true`) or ends (`false`): replayed inputs must not redo what happened once (fire a shot). */
  replaying?(active: boolean): void;
  /** After a newly predicted step (never a replay): advance what the feature predicts on its own (projectiles). */
  afterStep?(seq: number): void;
  /**
   * The sim's events of that new step (drained once, after every part's `afterStep`), offered to every part: one
   * part's projectile may destroy another part's tile.
   */
  simEvents?(events: readonly SimEvent[], seq: number): void;
  /** After every step of the own body (new or replayed): what to keep with that input. */
  remember?(): Memo;
  /** A new session: forget every prediction (the core has taken the own body out of the sim). */
  reset?(): void;
}

/** Names a feature's prediction part: the room client makes it with `create` and hands it out by this key. */
export interface PredictionKey<P extends PredictionParticipant> {
  readonly create: (host: PredictionHost) => P;
}

export function predictionPart<P extends PredictionParticipant>(create: (host: PredictionHost) => P): PredictionKey<P> {
  return { create };
}
