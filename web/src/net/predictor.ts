import type { BuildAction } from "@edgehold/protocol";
import type { Sim } from "@edgehold/sim-core";
import { sameKinematics, type Kinematics } from "./kinematics.ts";

/**
 * The fire part of an input (present only when its bits include `InputBit.fire`): the aim from the own body toward
 * the reticle, and the server time the page drew the others at (lag compensation: the room judges the hit there).
 */
export interface FireAim {
  readonly aimX: number;
  readonly aimY: number;
  readonly viewTime: number;
}

/**
 * The own body's weapon state after a step: cooldown (steps) and stamina depend on the body's own inputs alone (both
 * advance per body step), so what was predicted for an input is exactly what the room has after it.
 */
interface WeaponState {
  cooldown: number;
  stamina: number;
}

/** One input this client simulated ahead of the server, with the state it predicted after it. */
interface PendingInput {
  readonly seq: number;
  readonly bits: number;
  /** A build action riding this input: applied to the world right before this input's step. */
  readonly build?: BuildAction;
  readonly fire?: FireAim;
  predicted: Kinematics;
  weapon: WeaponState;
}

/** What the combat channel says of the own body in the snapshot being reconciled. */
export interface OwnCombat {
  readonly alive: boolean;
  readonly stamina?: number;
}

/**
 * The combat side of the predicting sim (features/combat/predicted-shots.ts): `arm` gives the freshly spawned own
 * body its weapon; `afterStep` runs right after each newly predicted step of the own body (never in replays): it
 * advances the predicted projectiles one step and attributes the projectiles that step spawned to its input seq.
 */
export interface PredictedCombat {
  arm(slot: number): void;
  afterStep(seq: number): void;
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
 * The entity lives in one slot of a Sim (the same sim.wasm the room runs, holding the same tiles). Every
 * input is one fixed step of that body alone (`bodies.step`), simulated at once (`applyInput`). On each snapshot
 * (`reconcile`): the authoritative state at `ackInputSeq` replaces the local one, acknowledged inputs are dropped,
 * the rest are replayed, and every replayed state is compared with what was predicted for that seq. The sim is bit-identical to the server's and the snapshot carries
 * its exact state, so uncontested movement never differs; a difference is a real correction (the server moved the
 * entity some other way), counted and reported as a visual error rather than snapped to.
 *
 * A teleport is not a correction: when the room says it moved the body itself (a respawn; the movement channel's
 * `teleport` counter changed), the same re-base and replay run, but nothing is compared and nothing blended: the
 * body is drawn at once at the server's place plus the pending inputs, and the move is counted apart (`snaps`).
 */
export class Predictor {
  private readonly pending: PendingInput[] = [];
  /** The last authoritative state and the input seq it includes. */
  private base: Kinematics | undefined;
  private baseSeq = 0;
  private baseWeapon: WeaponState = { cooldown: 0, stamina: 0 };
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
    private readonly world?: PredictedWorld,
    private readonly combat?: PredictedCombat,
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
  pendingAfter(seq: number): { seq: number; bits: number; build?: BuildAction; fire?: FireAim }[] {
    return this.pending
      .filter((p) => p.seq > seq)
      .map(({ seq: s, bits, build, fire }) => ({ seq: s, bits, ...(build ? { build } : {}), ...(fire ? { fire } : {}) }));
  }

  /**
   * Simulates one input (one fixed step) ahead of the server; its build action (if any) first, as the room does.
   * A fire input spawns its projectile in the predicting sim at once (the room's comes a round trip later).
   */
  applyInput(seq: number, bits: number, build?: BuildAction, fire?: FireAim): void {
    if (!this.base) throw new Error("Predictor.applyInput before the first authoritative state");
    if (build) this.world?.applyBuild(build);
    this.sim.bodies.setInput(this.slot, bits, fire?.aimX ?? 0, fire?.aimY ?? 0);
    this.sim.bodies.step(this.slot);
    this.combat?.afterStep(seq);
    this.previous = this.current;
    this.current = this.read();
    this.pending.push({ seq, bits, ...(build ? { build } : {}), ...(fire ? { fire } : {}), predicted: this.current, weapon: this.readWeapon() });
  }

  /**
   * Applies an authoritative state that includes every input up to `ackSeq`. `teleported`: the room moved the body
   * itself since the last state (its teleport counter changed), so a difference is a snap, not a correction.
   */
  reconcile(ackSeq: number, server: Kinematics, combat?: OwnCombat, teleported = false): Reconciliation {
    if (!this.base) {
      this.sim.bodies.spawn(this.slot, server.x, server.y, server.vx, server.vy);
      this.combat?.arm(this.slot);
      if (combat) this.restoreCombat(combat, { cooldown: 0, stamina: combat.stamina ?? this.sim.combat.stamina(this.slot) });
      this.base = this.read();
      this.baseWeapon = this.readWeapon();
      this.baseSeq = ackSeq;
      this.dropThrough(ackSeq);
      this.world?.rebase();
      this.replay();
      this.previous = this.current = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.predicted : this.base;
      return NO_CORRECTION;
    }
    // A snapshot older than what we already hold can only come from a reordered stream: ignore it.
    if (ackSeq < this.baseSeq) return NO_CORRECTION;

    const expectedInput = ackSeq === this.baseSeq ? undefined : this.pending.find((p) => p.seq === ackSeq);
    const expected = ackSeq === this.baseSeq ? this.base : expectedInput?.predicted;
    const expectedWeapon = ackSeq === this.baseSeq ? this.baseWeapon : expectedInput?.weapon;
    const before = this.current;

    this.dropThrough(ackSeq);
    this.sim.bodies.setState(this.slot, server.x, server.y, server.vx, server.vy);
    if (combat) this.restoreCombat(combat, expectedWeapon);
    this.base = this.read();
    this.baseWeapon = this.readWeapon();
    this.baseSeq = ackSeq;
    this.world?.rebase();
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
    this.pending.length = 0;
  }

  /** Drops pending inputs at or before `seq` (the server has applied them). */
  private dropThrough(seq: number): void {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.seq <= seq) n++;
    if (n > 0) this.pending.splice(0, n);
  }

  /**
   * Re-simulates every pending input from the sim's current state; true if any result differs from before. Fire
   * inputs spend cooldown and stamina again but spawn nothing: their projectiles were predicted when first applied
   * and are flying already (a replay must not fire them twice).
   */
  private replay(): boolean {
    let differs = false;
    this.sim.projectiles.setSpawnEnabled(false);
    try {
      for (const input of this.pending) {
        if (input.build) this.world?.applyBuild(input.build);
        this.sim.bodies.setInput(this.slot, input.bits, input.fire?.aimX ?? 0, input.fire?.aimY ?? 0);
        this.sim.bodies.step(this.slot);
        const state = this.read();
        if (!sameKinematics(state, input.predicted)) {
          differs = true;
          input.predicted = state;
        }
        input.weapon = this.readWeapon();
      }
    } finally {
      this.sim.projectiles.setSpawnEnabled(true);
    }
    return differs;
  }

  /**
   * The own body's combat state as of the snapshot: alive or dead as the room says (a dead body ignores its inputs:
   * it is not predicted moving or firing), and the cooldown and stamina that were predicted for the acknowledged
   * input. When life changed (a death, a respawn: the room reset the body), or nothing was predicted for that seq,
   * the room's stamina stands and a respawned body's cooldown starts at 0.
   */
  private restoreCombat(combat: OwnCombat, predicted: WeaponState | undefined): void {
    const { sim, slot } = this;
    const lifeChanged = sim.combat.isAlive(slot) !== combat.alive;
    sim.combat.setAlive(slot, combat.alive);
    if (predicted && !lifeChanged) {
      sim.combat.setCooldown(slot, predicted.cooldown);
      sim.combat.setStamina(slot, predicted.stamina);
      return;
    }
    if (combat.alive) sim.combat.setCooldown(slot, 0);
    if (combat.stamina !== undefined) sim.combat.setStamina(slot, combat.stamina);
  }

  private readWeapon(): WeaponState {
    return { cooldown: this.sim.combat.cooldown(this.slot), stamina: this.sim.combat.stamina(this.slot) };
  }

  private read(): Kinematics {
    const { sim, slot } = this;
    return { x: sim.bodies.x(slot), y: sim.bodies.y(slot), vx: sim.bodies.vx(slot), vy: sim.bodies.vy(slot) };
  }
}
