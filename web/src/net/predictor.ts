import type { BuildAction } from "@edgehold/protocol";
import type { MovementSim } from "@edgehold/sim-core";
import { sameKinematics, type Kinematics } from "./kinematics.ts";

/** One input this client simulated ahead of the server, with the state it predicted after it. */
interface PendingInput {
  readonly seq: number;
  readonly bits: number;
  /** A build action riding this input: applied to the world right before this input's step. */
  readonly build?: BuildAction;
  predicted: Kinematics;
}

/**
 * What, besides the own body, the predicting sim holds that inputs change: the static tiles (see
 * features/build/predicted-tiles.ts). `rebase` makes it the room's as of the authoritative state being applied;
 * `applyBuild` applies one of the pending inputs' build actions at its step.
 */
export interface PredictedWorld {
  rebase(): void;
  applyBuild(action: BuildAction): void;
}

/** What one reconciliation found. */
export interface Reconciliation {
  /** True when the server's state (or a replay from it) differed from what was predicted. */
  corrected: boolean;
  /** Predicted-now minus corrected-now position (m): the visual error to blend away. */
  errorX: number;
  errorY: number;
}

const NO_CORRECTION: Reconciliation = { corrected: false, errorX: 0, errorY: 0 };

/**
 * Client-side prediction and server reconciliation for the player's own entity.
 *
 * The entity lives in one slot of a MovementSim (the same sim.wasm the room runs, holding the same tiles). Every
 * input is one fixed step of that body alone (`stepBody`), simulated at once (`applyInput`). On each snapshot
 * (`reconcile`): the authoritative state at `ackInputSeq` replaces the local one, acknowledged inputs are dropped,
 * the rest are replayed, and every replayed state is compared with what was predicted for that seq. The sim is bit-identical to the server's and the snapshot carries
 * its exact state, so uncontested movement never differs; a difference is a real correction (the server moved the
 * entity some other way), counted and reported as a visual error rather than snapped to.
 */
export class Predictor {
  private readonly pending: PendingInput[] = [];
  /** The last authoritative state and the input seq it includes. */
  private base: Kinematics | undefined;
  private baseSeq = 0;
  /** The predicted state before and after the latest step, for drawing between steps. */
  private previous: Kinematics = { x: 0, y: 0, vx: 0, vy: 0 };
  private current: Kinematics = { x: 0, y: 0, vx: 0, vy: 0 };
  corrections = 0;
  /** Size (m) of the last correction's position error. */
  lastCorrectionMetres = 0;

  constructor(
    private readonly sim: MovementSim,
    private readonly slot = 0,
    private readonly world?: PredictedWorld,
  ) {}

  /** True once an authoritative state has been received: inputs may be predicted from then on. */
  get ready(): boolean {
    return this.base !== undefined;
  }

  /** Inputs sent ahead of the last snapshot. */
  get pendingCount(): number {
    return this.pending.length;
  }

  get latest(): Readonly<Kinematics> {
    return this.current;
  }

  get beforeLatest(): Readonly<Kinematics> {
    return this.previous;
  }

  /** The pending inputs after `seq`, oldest first: what to re-send to a resumed session. */
  pendingAfter(seq: number): { seq: number; bits: number; build?: BuildAction }[] {
    return this.pending.filter((p) => p.seq > seq).map(({ seq: s, bits, build }) => (build ? { seq: s, bits, build } : { seq: s, bits }));
  }

  /** Simulates one input (one fixed step) ahead of the server; its build action (if any) first, as the room does. */
  applyInput(seq: number, bits: number, build?: BuildAction): void {
    if (!this.base) throw new Error("Predictor.applyInput before the first authoritative state");
    if (build) this.world?.applyBuild(build);
    this.sim.setInput(this.slot, bits);
    this.sim.stepBody(this.slot);
    this.previous = this.current;
    this.current = this.read();
    this.pending.push(build ? { seq, bits, build, predicted: this.current } : { seq, bits, predicted: this.current });
  }

  /** Applies an authoritative state that includes every input up to `ackSeq`. */
  reconcile(ackSeq: number, server: Kinematics): Reconciliation {
    if (!this.base) {
      this.sim.spawn(this.slot, server.x, server.y, server.vx, server.vy);
      this.base = this.read();
      this.baseSeq = ackSeq;
      this.dropThrough(ackSeq);
      this.world?.rebase();
      this.replay();
      this.previous = this.current = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.predicted : this.base;
      return NO_CORRECTION;
    }
    // A snapshot older than what we already hold can only come from a reordered stream: ignore it.
    if (ackSeq < this.baseSeq) return NO_CORRECTION;

    const expected = ackSeq === this.baseSeq ? this.base : this.pending.find((p) => p.seq === ackSeq)?.predicted;
    let corrected = expected === undefined || !sameKinematics(expected, server);
    const before = this.current;

    this.dropThrough(ackSeq);
    this.sim.setState(this.slot, server.x, server.y, server.vx, server.vy);
    this.base = this.read();
    this.baseSeq = ackSeq;
    this.world?.rebase();
    if (this.replay()) corrected = true;
    if (!corrected) return NO_CORRECTION;

    const after = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.predicted : this.base;
    const errorX = before.x - after.x;
    const errorY = before.y - after.y;
    // Keep the between-steps interpolation continuous: shift the previous state by the same correction.
    this.previous = { ...this.previous, x: this.previous.x - errorX, y: this.previous.y - errorY };
    this.current = after;
    this.corrections++;
    this.lastCorrectionMetres = Math.hypot(errorX, errorY);
    return { corrected, errorX, errorY };
  }

  /** Forgets everything: the next authoritative state starts prediction afresh (a new session). */
  reset(): void {
    if (this.base) this.sim.despawn(this.slot);
    this.base = undefined;
    this.baseSeq = 0;
    this.pending.length = 0;
  }

  /** Drops pending inputs at or before `seq` (the server has applied them). */
  private dropThrough(seq: number): void {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.seq <= seq) n++;
    if (n > 0) this.pending.splice(0, n);
  }

  /** Re-simulates every pending input from the sim's current state; true if any result differs from before. */
  private replay(): boolean {
    let differs = false;
    for (const input of this.pending) {
      if (input.build) this.world?.applyBuild(input.build);
      this.sim.setInput(this.slot, input.bits);
      this.sim.stepBody(this.slot);
      const state = this.read();
      if (!sameKinematics(state, input.predicted)) {
        differs = true;
        input.predicted = state;
      }
    }
    return differs;
  }

  private read(): Kinematics {
    const { sim, slot } = this;
    return { x: sim.x(slot), y: sim.y(slot), vx: sim.vx(slot), vy: sim.vy(slot) };
  }
}
