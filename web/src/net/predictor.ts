import type { MovementInput } from "@edgehold/protocol";
import type { Sim } from "@edgehold/sim-core";
import type { StepInput } from "./input-bits.ts";
import { sameKinematics, type Kinematics } from "./kinematics.ts";
import type { PredictionParticipant } from "./prediction.ts";

/** One input this client simulated ahead of the server, with the state it predicted after it. */
interface PendingInput {
  readonly input: StepInput;
  predicted: Kinematics;
  /** What each participant remembered after this input's step (`remember`), by participant index. */
  memos: unknown[];
}

/** What one reconciliation found. */
export interface Reconciliation {
  /** True when the server's state (or a replay from it) differed from what was predicted. */
  corrected: boolean;
  /** True when the room moved the body itself (a teleport): re-based and replayed, no error to blend. */
  snapped: boolean;
  /** Predicted-now minus corrected-now position (m): the visual error to blend away. */
  errorX: number;
  errorY: number;
}

const NO_CORRECTION: Reconciliation = { corrected: false, snapped: false, errorX: 0, errorY: 0 };
const SNAPPED: Reconciliation = { corrected: false, snapped: true, errorX: 0, errorY: 0 };

/**
 * Client-side prediction and server reconciliation for the player's own entity.
 *
 * The entity lives in one slot of a Sim (the same sim.wasm the room runs). Every input is one fixed step of
 * that body alone (`stepBody`), simulated at once (`applyInput`). On each snapshot (`reconcile`): the authoritative
 * state at `ackInputSeq` replaces the local one, acknowledged inputs are dropped, the rest are replayed, and every
 * replayed state is compared with what was predicted for that seq. The sim is bit-identical to the server's and the
 * snapshot carries its exact state, so uncontested movement never differs; a difference is a real correction (the
 * server moved the entity some other way), counted and reported as a visual error rather than snapped to.
 *
 * What else the sim holds (tiles, projectiles, the weapon) is the features': their prediction parts (prediction.ts)
 * are called at each of these moments, in registry order.
 *
 * A teleport is not a correction: when the room says it moved the body itself (a respawn; the movement channel's
 * `teleport` counter changed), the same re-base and replay run, but nothing is compared and nothing blended: the
 * body is drawn at once at the server's place plus the pending inputs, and the move is counted apart (`snaps`).
 */
export class Predictor {
  private readonly pending: PendingInput[] = [];
  /** The last authoritative state, the input seq it includes, and the participants' memos for it. */
  private base: Kinematics | undefined;
  private baseSeq = 0;
  private baseMemos: unknown[] = [];
  /** The predicted state before and after the latest step, for drawing between steps. */
  private previous: Kinematics = { x: 0, y: 0, vx: 0, vy: 0 };
  private current: Kinematics = { x: 0, y: 0, vx: 0, vy: 0 };
  corrections = 0;
  /** Size (m) of the last correction's position error. */
  lastCorrectionMetres = 0;
  /** Server-side moves (teleports) of the body: snapped to, never counted as corrections. */
  snaps = 0;
  /** How far (m) the last snap moved the drawn body. */
  lastSnapMetres = 0;

  constructor(
    private readonly sim: Sim,
    private readonly slot = 0,
    private readonly parts: readonly PredictionParticipant[] = [],
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

  /** The pending inputs after `seq` as they were sent, oldest first: what to re-send to a resumed session. */
  pendingAfter(seq: number): MovementInput[] {
    return this.pending.filter((p) => p.input.seq > seq).map((p) => p.input.wire);
  }

  /** Simulates one input (one fixed step) ahead of the server, with what the features add before and after it. */
  applyInput(input: StepInput): void {
    if (!this.base) throw new Error("Predictor.applyInput before the first authoritative state");
    this.step(input);
    for (const part of this.parts) part.afterStep?.(input.seq);
    const events = this.sim.combat.drainEvents();
    for (const part of this.parts) part.simEvents?.(events, input.seq);
    this.previous = this.current;
    this.current = this.read();
    this.pending.push({ input, predicted: this.current, memos: this.remember() });
  }

  /**
   * Applies an authoritative state that includes every input up to `ackSeq`. `teleported`: the room moved the body
   * itself since the last state (its teleport counter changed), so a difference is a snap, not a correction.
   */
  reconcile(ackSeq: number, server: Kinematics, teleported = false): Reconciliation {
    if (!this.base) {
      this.sim.bodies.spawn(this.slot, server.x, server.y, server.vx, server.vy);
      this.dropThrough(ackSeq);
      this.rebase(ackSeq, true, undefined);
      this.replay();
      this.previous = this.current = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.predicted : this.base!;
      return NO_CORRECTION;
    }
    // A snapshot older than what we already hold can only come from a reordered stream: ignore it.
    if (ackSeq < this.baseSeq) return NO_CORRECTION;

    const expectedInput = ackSeq === this.baseSeq ? undefined : this.pending.find((p) => p.input.seq === ackSeq);
    const expected = ackSeq === this.baseSeq ? this.base : expectedInput?.predicted;
    const expectedMemos = ackSeq === this.baseSeq ? this.baseMemos : expectedInput?.memos;
    const before = this.current;

    this.dropThrough(ackSeq);
    this.sim.bodies.setState(this.slot, server.x, server.y, server.vx, server.vy);
    this.rebase(ackSeq, false, expectedMemos);
    const replayDiffered = this.replay();
    const after = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.predicted : this.base;

    if (teleported) {
      // Drawn at the new place from this frame on: no between-steps blend across the jump, no error to fade.
      this.previous = this.current = after;
      this.snaps++;
      this.lastSnapMetres = Math.hypot(before.x - after.x, before.y - after.y);
      return SNAPPED;
    }
    const corrected = expected === undefined || !sameKinematics(expected, server) || replayDiffered;
    if (!corrected) return NO_CORRECTION;

    const errorX = before.x - after.x;
    const errorY = before.y - after.y;
    // Keep the between-steps interpolation continuous: shift the previous state by the same correction.
    this.previous = { ...this.previous, x: this.previous.x - errorX, y: this.previous.y - errorY };
    this.current = after;
    this.corrections++;
    this.lastCorrectionMetres = Math.hypot(errorX, errorY);
    return { corrected, snapped: false, errorX, errorY };
  }

  /** Forgets everything: the next authoritative state starts prediction afresh (a new session). */
  reset(): void {
    if (this.base) this.sim.bodies.despawn(this.slot);
    this.base = undefined;
    this.baseSeq = 0;
    this.baseMemos = [];
    this.pending.length = 0;
    // The old session's events are not the new session's.
    this.sim.combat.drainEvents();
    for (const part of this.parts) part.reset?.();
  }

  /** The own body now holds the room's state as of `ackSeq`: the participants follow, and that becomes the base. */
  private rebase(ackSeq: number, first: boolean, memos: readonly unknown[] | undefined): void {
    this.parts.forEach((part, i) => part.rebase?.(first, memos?.[i]));
    this.base = this.read();
    this.baseMemos = this.remember();
    this.baseSeq = ackSeq;
  }

  /** One step of the own body: the features' parts of the input first (a build action), then the body. */
  private step(input: StepInput): void {
    for (const part of this.parts) part.beforeStep?.(input.wire);
    this.sim.bodies.setInput(this.slot, input.bits, input.aimX, input.aimY);
    this.sim.bodies.step(this.slot);
  }

  private remember(): unknown[] {
    return this.parts.map((part) => part.remember?.());
  }

  /** Drops pending inputs at or before `seq` (the server has applied them). */
  private dropThrough(seq: number): void {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.input.seq <= seq) n++;
    if (n > 0) this.pending.splice(0, n);
  }

  /** Re-simulates every pending input from the sim's current state; true if any result differs from before. */
  private replay(): boolean {
    let differs = false;
    for (const part of this.parts) part.replaying?.(true);
    try {
      for (const pending of this.pending) {
        this.step(pending.input);
        const state = this.read();
        if (!sameKinematics(state, pending.predicted)) {
          differs = true;
          pending.predicted = state;
        }
        pending.memos = this.remember();
      }
    } finally {
      for (const part of this.parts) part.replaying?.(false);
    }
    return differs;
  }

  private read(): Kinematics {
    const { sim, slot } = this;
    return { x: sim.bodies.x(slot), y: sim.bodies.y(slot), vx: sim.bodies.vx(slot), vy: sim.bodies.vy(slot) };
  }
}
