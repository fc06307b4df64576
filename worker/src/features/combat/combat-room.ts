import { DomainEventType } from "../../ops/domain-events.ts";
import { combatFeature, type CombatFields, type ProjectileFields } from "@edgehold/protocol";
import type { Sim, SimEvent } from "@edgehold/sim-core";
import { STEP_MS, TICK_RATE } from "../../room/room-config.ts";
import { roomSeed, seedAtTick } from "../../room/room-seed.ts";
import type { PlayerEntity, RoomWorld } from "../../room/room-world.ts";
import { StableEntities } from "../../room/stable-entities.ts";
import type { SqlExec } from "../../storage/rows-written.ts";
import type { PlayerConnection } from "../room-context.ts";
import type { FeatureContext, StepInputOf } from "../server-feature.ts";
import { structureDamage } from "../services/structure-damage.ts";
import { PLAYER_MAX_HP } from "@edgehold/sim-core";
import { Combatants, type Combatant } from "./combatants.ts";
import { CombatScores } from "./combat-scores.ts";
import { rewindSteps } from "./lag-compensation.ts";
import { ProjectileTracker } from "./projectile-tracker.ts";
import { RecentFights } from "./recent-fights.ts";
import { respawnPoint } from "./respawn-point.ts";
import { SpawnProtection } from "./spawn-protection.ts";
import { TickTimes } from "./tick-times.ts";

export interface CombatOptions {
  /** Judge shots against where targets were at the shooter's `viewTime` (off: against where they are now). */
  lagCompensation: boolean;
  /** World steps from a player's death to their respawn. */
  respawnSteps: number;
  /** Every player's hit points. */
  playerMaxHp: number;
}

/** ~5 s dead: long enough to matter and to read the kill feed, short enough not to bore (a common arena figure). */
export const RESPAWN_STEPS = 5 * TICK_RATE;

export const DEFAULT_COMBAT_OPTIONS: CombatOptions = { lagCompensation: true, respawnSteps: RESPAWN_STEPS, playerMaxHp: PLAYER_MAX_HP };

type Room = FeatureContext<unknown>;
/** A step input as combat reads it: its seq and the fire fields combat declares. */
type CombatInput = StepInputOf<typeof combatFeature>;

/**
 * The combat of one room, for the combat feature's hooks to call: who fights (Combatants), the sim's events turned
 * into wire events, scores, structure damage and respawns, lag compensation of each fire input, and the two
 * channels. Everything is stamped by tick: no timers.
 */
export class CombatRoom {
  private readonly combatants: Combatants;
  private readonly projectiles: ProjectileTracker;
  private readonly times = new TickTimes();
  private readonly sim: Sim;
  private readonly scores: CombatScores;
  private readonly protection: SpawnProtection;
  private readonly fights = new RecentFights();
  private readonly combatEntities = new StableEntities<CombatFields>();
  /** Slot → the seq of the input last applied to it if that input fired (0 if not): a `spawn` names its seq. */
  private readonly firing = new Map<number, number>();
  /** Each player's live connection: lag compensation never reaches before its first snapshot, nor past its RTT. */
  private readonly connections = new Map<string, PlayerConnection>();
  /** The tick the room started from (hydrated): with the room's seed, it seeds the sim's crits (see `seed`). */
  private readonly startTick: number;
  private seeded = false;

  constructor(
    private readonly world: RoomWorld,
    private readonly sql: SqlExec,
    private readonly options: CombatOptions = DEFAULT_COMBAT_OPTIONS,
  ) {
    this.sim = world.sim;
    this.startTick = world.tick;
    this.scores = new CombatScores(sql);
    this.combatants = new Combatants(this.sim, this.scores, options.playerMaxHp);
    this.projectiles = new ProjectileTracker(this.sim);
    this.protection = new SpawnProtection(this.sim);
  }

  /** A connection arrived; a body just placed at a spawn point is spawn-protected (a body taken back is not). */
  joined(player: PlayerEntity, connection: PlayerConnection, spawned: boolean): void {
    this.seed();
    this.connections.set(player.playerId, connection);
    this.combatants.ensurePlayer(player);
    if (spawned) this.protection.protect(player.slot, this.world.tick);
  }

  /**
   * How long `player`'s body stays after they leave: 10 s after a fight (leaving is no escape), else not at all; a
   * dead body not at all (its death and respawn wait are kept for their return).
   */
  lingerMs(player: PlayerEntity): number {
    if (!this.sim.combat.isAlive(player.slot)) return 0;
    return this.fights.lingerMs(player.playerId, this.world.tick);
  }

  /** The player's body is still in the sim: what it had (hp, stamina, cooldown, a pending respawn) is kept for their return. */
  leaving(player: PlayerEntity): void {
    this.combatants.leaving(player);
    this.protection.end(player.slot);
  }

  left(player: PlayerEntity): void {
    this.connections.delete(player.playerId);
    this.combatants.sync(this.world);
  }

  /** Before the world step: bodies added since the last tick (a creature spawned by its feature) get their weapon. */
  beforeStep(): void {
    this.seed();
    this.combatants.sync(this.world);
  }

  /**
   * An input of `player` about to be applied (its world step, or with `catchUp` a step of its body alone after the
   * world step). A catch-up input first turns the events so far: the world step's `spawn`s belong to the inputs
   * before it (and nothing fires between the last tick hook and a world step's inputs). Then a firing input's
   * rewind: the steps between the state its projectile is first tested against and the tick the shooter's screen
   * showed at its `viewTime`. A projectile fired in the world step from tick T flies its first segment in that
   * step, against the bodies of T + 1 (rewind 0: where they are now); one fired by a catch-up input (after the
   * world step, still at T) first flies in the next world step, against T + 2.
   */
  input(room: Room, player: PlayerEntity, input: CombatInput, catchUp: boolean): void {
    if (catchUp) this.drain(room);
    this.combatants.ensurePlayer(player);
    this.firing.set(player.slot, input.fire ? input.seq : 0);
    if (!input.fire) return;
    // Firing ends spawn protection, from this very step: nobody shoots from safety.
    this.protection.end(player.slot);
    const connection = this.connections.get(player.playerId);
    const steps = this.options.lagCompensation
      ? rewindSteps({
          viewTime: input.viewTime,
          currentTick: this.world.tick + (catchUp ? 2 : 1),
          firstSnapshotAt: connection?.firstSnapshotAt,
          rttMs: connection?.rttMs,
          times: this.times,
        })
      : 0;
    this.sim.combat.setRewind(player.slot, steps);
  }

  /** After every step, before snapshots: events, the tick's serverTime, the roster, respawns due, projectiles. */
  tick(room: Room): void {
    this.drain(room);
    this.times.record(this.world.tick, room.clock.now());
    this.combatants.sync(this.world);
    this.respawnDue(room);
    this.protection.expire(this.world.tick);
    if (this.world.tick % TICK_RATE === 0) this.fights.prune(this.world.tick);
    this.projectiles.sweep((slot) => this.combatants.atSlot(slot)?.entityId);
  }

  projectileChannel(): Map<string, ProjectileFields> {
    return this.projectiles.channel();
  }

  /**
   * The `combat` channel, versioned (StableEntities): a combatant whose values are what they were keeps its fields
   * object, so a crowd at full hp and stamina costs a comparison each and nothing after it.
   */
  combatChannel(): ReadonlyMap<string, CombatFields> {
    const { active } = this.sim.bodies.view();
    const { hp, alive, stamina } = this.sim.combat.view();
    const entities = this.combatEntities;
    entities.begin();
    for (const c of this.combatants.values()) {
      const hpNow = hp[c.slot]!;
      const aliveNow = active[c.slot] !== 0 && alive[c.slot] !== 0;
      // Players have stamina, creatures none: a field left out is undefined here and absent from the entry.
      const staminaNow = c.playerId !== undefined ? stamina[c.slot]! : undefined;
      const { kills, deaths } = c.score;
      const held = entities.previous(c.entityId);
      if (
        held &&
        held.hp === hpNow &&
        held.maxHp === c.maxHp &&
        held.alive === aliveNow &&
        held.kills === kills &&
        held.deaths === deaths &&
        held.stamina === staminaNow &&
        held.respawnAt === c.respawnAt
      ) {
        entities.put(c.entityId, held);
        continue;
      }
      const fields: CombatFields = { hp: hpNow, maxHp: c.maxHp, alive: aliveNow, kills, deaths };
      if (staminaNow !== undefined) fields.stamina = staminaNow;
      if (c.respawnAt !== undefined) fields.respawnAt = c.respawnAt;
      entities.put(c.entityId, fields);
    }
    return entities.end();
  }

  /** Moves whenever the combat channel changed (see combatChannel). */
  get combatVersion(): number {
    return this.combatEntities.version;
  }

  /**
   * Seeds the sim's PRNG (crits) once, before its first step or join: from the room's seed and the tick the room
   * started from, so every room and every start of one rolls its own sequence, and a replay from the same seed
   * and tick rolls the same. The seed's row is written once in the room's life (room-seed.ts), never per checkpoint.
   */
  private seed(): void {
    if (this.seeded) return;
    this.seeded = true;
    this.sim.prng.seed(seedAtTick(roomSeed(this.sql), this.startTick));
  }

  /**
   * The sim's events since the last call, turned into state changes and events to everyone. `hitBy` is this batch's
   * entity id → the shooter of the last hit it took: the sim pushes a `death` right after the `hit` that killed
   * (sim-core's damageBody, with no drain between; a full buffer drops the death, never the hit alone before it),
   * so the hit that names the killer is always in the same batch.
   */
  private drain(room: Room): void {
    const events = this.sim.combat.drainEvents();
    if (events.length === 0) return;
    const hitBy = new Map<string, string>();
    for (const event of events) {
      try {
        this.apply(room, event, hitBy);
      } catch (error) {
        // One event that cannot be applied (storage failed, say) must not lose the others.
        room.log(`combat event ${event.type}`, error);
      }
    }
  }

  private apply(room: Room, event: SimEvent, hitBy: Map<string, string>): void {
    switch (event.type) {
      case "spawn": {
        const owner = this.combatants.atSlot(event.owner);
        if (!owner) return;
        const seq = owner.playerId !== undefined ? (this.firing.get(event.owner) ?? 0) : 0;
        this.projectiles.spawned(event.projectile, owner.entityId, seq);
        return;
      }
      case "hit": {
        const target = this.combatants.atSlot(event.target);
        if (!target) return;
        // The shooter as it was when it fired: its slot may hold someone else by now (it left mid-flight).
        const source = this.projectiles.ownerOf(event.projectile) ?? this.combatants.atSlot(event.owner)?.entityId ?? target.entityId;
        hitBy.set(target.entityId, source);
        this.fights.record(this.world.tick, target.playerId, this.combatants.byEntity.get(source)?.playerId);
        const payload = { target: target.entityId, source, damage: event.damage, hp: event.hp, crit: event.crit };
        room.sendToViewersOf(target.entityId, room.event(combatFeature, "hit", payload), [source]);
        return;
      }
      case "death":
        this.died(room, event.target, event.killer, hitBy);
        return;
      // Structures are the build feature's: asked through the service it provides (none in a room without building).
      case "tile_hit":
        room.service(structureDamage)?.damage(event.tx, event.ty, event.hp);
        return;
      case "tile_destroyed":
        room.service(structureDamage)?.destroyed(event.tx, event.ty);
        return;
      case "expire":
        // The tracker drops it on its sweep (it also catches projectiles whose events were lost).
        return;
    }
  }

  private died(room: Room, targetSlot: number, killerSlot: number, hitBy: ReadonlyMap<string, string>): void {
    const target = this.combatants.atSlot(targetSlot);
    if (!target) return;
    // The death follows its hit in the same batch of events: that hit names the shooter as it fired.
    const killerId = hitBy.get(target.entityId);
    const killer = killerId !== undefined ? this.combatants.byEntity.get(killerId) : this.combatants.atSlot(killerSlot);
    target.score.deaths++;
    if (killer && killer !== target) killer.score.kills++;
    if (target.playerId !== undefined) {
      target.respawnTick = this.world.tick + this.options.respawnSteps;
      target.respawnAt = Math.round(room.clock.now() + this.options.respawnSteps * STEP_MS);
    }
    const killedBy = killerId ?? killer?.entityId ?? target.entityId;
    if (target.playerId !== undefined) {
      const by = killer && killer !== target ? (killer.playerId ?? killer.entityId) : undefined;
      room.publish({ type: DomainEventType.playerKilled, player: target.playerId, data: { ...(by !== undefined ? { by } : {}), byCreature: killer !== undefined && killer.playerId === undefined } });
    }
    room.sendToViewersOf(target.entityId, room.event(combatFeature, "death", { target: target.entityId, killer: killedBy }), [killedBy]);
    const now = room.clock.now();
    for (const scored of new Set([target, killer])) {
      if (scored?.playerId !== undefined) this.scores.save(scored.playerId, scored.score, now);
    }
  }

  /** Respawns those due; a player who came back dead (see Combatants) learns `respawnAt` from the ticks left. */
  private respawnDue(room: Room): void {
    for (const c of this.combatants.values()) {
      if (c.respawnTick === undefined) continue;
      if (this.world.tick >= c.respawnTick) this.respawn(room, c);
      else c.respawnAt ??= Math.round(room.clock.now() + (c.respawnTick - this.world.tick) * STEP_MS);
    }
  }

  /**
   * Back at a spawn point (a server-side move: world.teleport, so the page snaps there rather than counting a
   * correction) with full hp and stamina (combat.arm), spawn-protected.
   */
  private respawn(room: Room, c: Combatant): void {
    const { sim } = this;
    const at = respawnPoint(this.world, c.playerId ?? c.entityId, c.score.deaths);
    this.world.teleport(c.body, at.x, at.y);
    sim.combat.arm(c.slot, c.weapon, c.maxHp);
    sim.combat.setAlive(c.slot, true);
    if (c.playerId !== undefined) this.protection.protect(c.slot, this.world.tick);
    c.respawnTick = undefined;
    c.respawnAt = undefined;
    room.sendToViewersOf(c.entityId, room.event(combatFeature, "respawn", { target: c.entityId, x: sim.bodies.x(c.slot), y: sim.bodies.y(c.slot) }));
  }
}

