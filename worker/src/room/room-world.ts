import type { MovementInput } from "@edgehold/protocol";
import type { MovementSim } from "@edgehold/sim-core";
import { InputBuffer } from "../features/movement/input-buffer.ts";
import { inputBits } from "../features/movement/input-bits.ts";
import { spawnPoint } from "../features/movement/spawn-point.ts";
import type { CharacterProfile } from "../storage/character-profiles.ts";
import type { RoomCharacter } from "./room-character.ts";
import { IdPool } from "./id-pool.ts";

/** A player currently in the room. */
export interface PlayerEntity {
  readonly playerId: string;
  /** Room-scoped id used in every snapshot channel (a u16 as a decimal string). */
  readonly entityId: string;
  /** The player's slot in the simulation. */
  readonly slot: number;
  /** The character this player plays here (its name and appearance show in presence). */
  character: RoomCharacter;
  readonly inputs: InputBuffer;
}

/**
 * The game state of one room: who is here and the simulation they move in. No IO: the Durable Object feeds it
 * inputs and reads channels from it; storage and sockets stay outside.
 */
export class RoomWorld {
  readonly players = new Map<string, PlayerEntity>();
  private readonly entityIds = new IdPool(1, 0xffff);
  private readonly slots: IdPool;

  constructor(
    readonly sim: MovementSim,
    public tick: number,
  ) {
    this.slots = new IdPool(0, sim.capacity - 1);
  }

  /**
   * Puts a player into the world as `character`, at that character's saved profile (or a spawn point).
   * `keepInputSeq` continues their input numbering (a resumed session); otherwise the client starts again from 1.
   */
  join(playerId: string, character: RoomCharacter, profile: CharacterProfile | undefined, keepInputSeq: boolean, entityId?: number): PlayerEntity {
    const existing = this.players.get(playerId);
    if (existing) return existing;
    const id = entityId !== undefined && this.entityIds.claim(entityId) ? entityId : this.entityIds.allocate();
    const slot = this.slots.allocate();
    const at = profile ?? { ...spawnPoint(playerId), vx: 0, vy: 0 };
    this.sim.spawn(slot, at.x, at.y, at.vx, at.vy);
    const lastInputSeq = keepInputSeq && profile ? profile.lastInputSeq : 0;
    const player: PlayerEntity = { playerId, entityId: String(id), slot, character, inputs: new InputBuffer(lastInputSeq) };
    this.players.set(playerId, player);
    return player;
  }

  leave(playerId: string): PlayerEntity | undefined {
    const player = this.players.get(playerId);
    if (!player) return undefined;
    this.sim.despawn(player.slot);
    this.slots.release(player.slot);
    this.entityIds.release(Number(player.entityId));
    this.players.delete(playerId);
    return player;
  }

  /**
   * One fixed step: each player's next input (if any) advances them; every other entity stays put. Players with a
   * backlog (see InputBuffer.takeCatchUp) then get one more input, a step of their own body only (sim.stepBody):
   * nothing else in the world moves twice.
   */
  /**
   * Called with each input right before the step that applies it (features act on what an input carries besides
   * movement — a build action — at exactly the step the client predicted it). Set by the room's wiring.
   */
  onInput: ((player: PlayerEntity, input: MovementInput) => void) | undefined;

  step(): void {
    for (const player of this.players.values()) {
      player.inputs.earn(1);
      const input = player.inputs.take();
      if (!input) continue;
      this.onInput?.(player, input);
      this.sim.setInput(player.slot, inputBits(input));
    }
    this.sim.step();
    for (const player of this.players.values()) {
      const input = player.inputs.takeCatchUp();
      if (!input) continue;
      this.onInput?.(player, input);
      this.sim.setInput(player.slot, inputBits(input));
      this.sim.stepBody(player.slot);
    }
    this.tick++;
  }

  /**
   * The room's loop dropped `steps` steps (the isolate stalled): players may catch up on all of that real time,
   * credited apart from (and beyond) what silence banks — see InputBuffer.earnDropped.
   */
  creditDroppedSteps(steps: number): void {
    for (const player of this.players.values()) player.inputs.earnDropped(steps);
  }

  profile(player: PlayerEntity): CharacterProfile {
    const { sim } = this;
    return {
      userId: player.playerId,
      character: player.character,
      x: sim.x(player.slot),
      y: sim.y(player.slot),
      vx: sim.vx(player.slot),
      vy: sim.vy(player.slot),
      lastInputSeq: player.inputs.lastAppliedSeq,
    };
  }
}
