import type { CreatureEntity, PlayerEntity, RoomWorld } from "../../room/room-world.ts";
import { MAX_STAMINA, PLAYER_MAX_HP, weaponOfClass } from "@edgehold/sim-core";
import type { CombatScores, Score } from "./combat-scores.ts";
import type { Sim, Weapon } from "@edgehold/sim-core";

/** One body that fights: a player or a creature, its weapon, score and (for a dead player) when it respawns. */
export interface Combatant {
  readonly entityId: string;
  readonly slot: number;
  /** The player's id (scores are stored per player), undefined for a creature. */
  readonly playerId: string | undefined;
  /** The world's own record of this body: a different object under the same entity id is a new combatant. */
  readonly body: PlayerEntity | CreatureEntity;
  readonly weapon: Weapon;
  readonly maxHp: number;
  readonly score: Score;
  /** A dead player comes back at this tick (stamped, no timer), and tells clients `respawnAt` (serverTime). */
  respawnTick?: number;
  respawnAt?: number;
}

/** What a player who left hurt, tired, reloading or dead had: given back when they return (see `leaving`). */
interface Departed {
  readonly hp: number;
  readonly stamina: number;
  readonly cooldown: number;
  /** Set while dead: the tick their respawn is due (it may have passed by the time they return). */
  readonly respawnTick: number | undefined;
}

/**
 * Players remembered after they left (one small entry each, memory only): beyond this the longest gone is
 * forgotten. Thousands of players passing through one room between two restarts is far more than a room sees.
 */
const MAX_DEPARTED = 4096;

/**
 * Every body of the world that fights, kept in step with `world.players` and `world.creatures`: a new body gets its
 * weapon and full hp in the sim (`combat.arm`), one that left is forgotten. Also the sim-slot → entity lookup that
 * turns the sim's events (which name slots) into the wire's entity ids.
 *
 * A player who leaves hurt, out of stamina, with their weapon cooling down, or dead (a dropped connection, a character
 * switch) gets that hp, stamina and cooldown, or that death and its respawn time, back when they return to this room:
 * reconnecting is no heal, no refill and no way out of the respawn wait.
 * Kept in memory only (a restart of the room forgets it, as it forgets every body's hp).
 */
export class Combatants {
  readonly byEntity = new Map<string, Combatant>();
  private readonly bySlot = new Map<number, Combatant>();
  /** Player id → what they had when they left (only those who left hurt or dead). */
  private readonly departed = new Map<string, Departed>();

  constructor(
    private readonly sim: Sim,
    private readonly scores: CombatScores,
    private readonly playerMaxHp = PLAYER_MAX_HP,
  ) {}

  /** Brings the roster in line with the world. Cheap when nothing changed (one map lookup per body). */
  sync(world: RoomWorld): void {
    let present = 0;
    for (const player of world.players.values()) {
      this.ensurePlayer(player);
      present++;
    }
    for (const creature of world.creatures.values()) {
      if (this.byEntity.get(creature.entityId)?.body !== creature) {
        this.add({ entityId: creature.entityId, slot: creature.slot, playerId: undefined, body: creature, weapon: creature.weapon, maxHp: creature.maxHp, score: { kills: 0, deaths: 0 } });
      }
      present++;
    }
    if (present === this.byEntity.size) return;
    for (const [entityId, combatant] of this.byEntity) {
      const body = combatant.playerId !== undefined ? world.players.get(combatant.playerId) : world.creatures.get(entityId);
      if (body !== combatant.body) this.delete(combatant);
    }
  }

  /**
   * The player as a combatant, made one now if it is new (its first input may come before any tick hook): full hp,
   * or what they left with (see the class comment).
   */
  ensurePlayer(player: PlayerEntity): Combatant {
    const known = this.byEntity.get(player.entityId);
    if (known?.body === player) return known;
    const combatant = this.add({
      entityId: player.entityId,
      slot: player.slot,
      playerId: player.playerId,
      body: player,
      weapon: weaponOfClass(player.character.characterClass),
      maxHp: this.playerMaxHp,
      score: this.scores.load(player.playerId),
    });
    this.restore(combatant, player.playerId);
    return combatant;
  }

  /** `player`'s body is about to leave the sim: what it had, if it was not fresh, is kept for their return. */
  leaving(player: PlayerEntity): void {
    const combatant = this.byEntity.get(player.entityId);
    if (combatant?.body !== player) return;
    const { sim } = this;
    const hp = sim.combat.hp(player.slot);
    const stamina = sim.combat.stamina(player.slot);
    const cooldown = sim.combat.cooldown(player.slot);
    this.departed.delete(player.playerId);
    if (combatant.respawnTick === undefined && hp >= combatant.maxHp && stamina >= MAX_STAMINA && cooldown === 0) return;
    this.departed.set(player.playerId, { hp, stamina, cooldown, respawnTick: combatant.respawnTick });
    if (this.departed.size > MAX_DEPARTED) this.departed.delete(this.departed.keys().next().value!);
  }

  atSlot(slot: number): Combatant | undefined {
    return this.bySlot.get(slot);
  }

  values(): IterableIterator<Combatant> {
    return this.byEntity.values();
  }

  /**
   * A returning player's hp, stamina and cooldown, or their death and its respawn tick (its `respawnAt` is stamped by
   * the next tick).
   */
  private restore(combatant: Combatant, playerId: string): void {
    const departed = this.departed.get(playerId);
    if (!departed) return;
    this.departed.delete(playerId);
    this.sim.combat.setHp(combatant.slot, departed.hp);
    this.sim.combat.setStamina(combatant.slot, departed.stamina);
    this.sim.combat.setCooldown(combatant.slot, departed.cooldown);
    if (departed.respawnTick === undefined) return;
    this.sim.combat.setAlive(combatant.slot, false);
    combatant.respawnTick = departed.respawnTick;
  }

  private add(combatant: Combatant): Combatant {
    const previous = this.byEntity.get(combatant.entityId);
    if (previous) this.delete(previous);
    this.byEntity.set(combatant.entityId, combatant);
    this.bySlot.set(combatant.slot, combatant);
    this.sim.combat.arm(combatant.slot, combatant.weapon, combatant.maxHp);
    return combatant;
  }

  private delete(combatant: Combatant): void {
    this.byEntity.delete(combatant.entityId);
    if (this.bySlot.get(combatant.slot) === combatant) this.bySlot.delete(combatant.slot);
  }
}
