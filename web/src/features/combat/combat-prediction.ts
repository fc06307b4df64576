import { InputBit, type SimEvent } from "@edgehold/sim-core";
import type { InputPart } from "../../net/input-bits.ts";
import { predictionPart, type PredictionHost, type PredictionParticipant } from "../../net/prediction.ts";
import { combatOf } from "./combat-fields.ts";
import { PredictedShots, shotContextFor } from "./predicted-shots.ts";

/**
 * The own body's weapon state after a step: cooldown (steps) and stamina depend on the body's own inputs alone (both
 * advance per body step), so what was predicted for an input is exactly what the room has after it.
 */
interface WeaponState {
  cooldown: number;
  stamina: number;
}

/**
 * The part of an input that fires: the fire bit with the aim (from the own body toward the reticle), and on the wire
 * the aim and the server time the others were drawn at (the room judges the hit there). None without a view time:
 * the room and the prediction must fire the same inputs.
 */
export function fireInput(aim: { x: number; y: number }, viewTime: number | undefined): InputPart | undefined {
  if (viewTime === undefined) return undefined;
  return { bits: InputBit.fire, aimX: aim.x, aimY: aim.y, fields: { fire: true, aimX: aim.x, aimY: aim.y, viewTime } };
}

/**
 * Combat's part in predicting the own inputs: the own body armed and its weapon state kept per input (restored from
 * the prediction when the room acknowledges that input: the snapshot carries no cooldown), its shots predicted
 * (predicted-shots.ts) and never fired twice by a replay.
 */
export class CombatPrediction implements PredictionParticipant<WeaponState> {
  readonly shots: PredictedShots;

  constructor(private readonly host: PredictionHost) {
    this.shots = new PredictedShots(host.sim, host.selfSlot, shotContextFor(host));
  }

  /**
   * The own body's combat state as of the snapshot: alive or dead as the room says (a dead body ignores its inputs:
   * it is not predicted moving or firing), and the cooldown and stamina that were predicted for the acknowledged
   * input. When life changed (a death, a respawn: the room reset the body), or nothing was predicted for that seq,
   * the room's stamina stands and a respawned body's cooldown starts at 0. A body just spawned is armed first.
   */
  rebase(first: boolean, memo: WeaponState | undefined): void {
    const { sim, selfSlot: slot, replica } = this.host;
    if (first) this.shots.arm(slot);
    const own = combatOf(replica, this.host.selfEntityId());
    if (!own) return;
    const predicted = first ? { cooldown: 0, stamina: own.stamina ?? sim.combat.stamina(slot) } : memo;
    const lifeChanged = sim.combat.isAlive(slot) !== own.alive;
    sim.combat.setAlive(slot, own.alive);
    if (predicted && !lifeChanged) {
      sim.combat.setCooldown(slot, predicted.cooldown);
      sim.combat.setStamina(slot, predicted.stamina);
      return;
    }
    if (own.alive) sim.combat.setCooldown(slot, 0);
    if (own.stamina !== undefined) sim.combat.setStamina(slot, own.stamina);
  }

  /** Replayed fire inputs spend cooldown and stamina again but spawn nothing: their projectiles are flying already. */
  replaying(active: boolean): void {
    this.host.sim.projectiles.setSpawnEnabled(!active);
  }

  afterStep(): void {
    this.shots.afterStep();
  }

  simEvents(events: readonly SimEvent[], seq: number): void {
    this.shots.stepEvents(events, seq);
  }

  remember(): WeaponState {
    const { sim, selfSlot } = this.host;
    return { cooldown: sim.combat.cooldown(selfSlot), stamina: sim.combat.stamina(selfSlot) };
  }

  reset(): void {
    this.shots.clear();
  }

  /** The own body's stamina in the predicting sim (exact: it depends on the own inputs alone). */
  ownStamina(): number {
    return this.host.sim.combat.stamina(this.host.selfSlot);
  }
}

/** Combat's prediction part of a room client (see RoomClient.prediction). */
export const combatPrediction = predictionPart((host) => new CombatPrediction(host));
