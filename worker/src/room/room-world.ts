import { nextTeleport, type MovementInput, type WorldRules } from "@edgehold/protocol";
import { generateScenery, inputBits, placeScenery, type Sim, type Weapon } from "@edgehold/sim-core";
import { InputBuffer } from "../features/movement/input-buffer.ts";
import { nearestFreeSpot } from "../features/movement/free-spot.ts";
import { clearOfTiles, clearSpawnPoint, scatterSpawnPoint } from "../features/movement/spawn-point.ts";
import type { CharacterProfile } from "../storage/character-profiles.ts";
import { DEFAULT_ROOM_KIND } from "./kinds/room-kinds.ts";
import type { RoomKind } from "./kinds/room-kind.ts";
import type { RoomCharacter } from "./room-character.ts";
import { IdPool } from "./id-pool.ts";
import { BodyGrid } from "./interest/body-grid.ts";
import { RoomNames } from "./room-names.ts";

/** A player currently in the room. */
export interface PlayerEntity {
  readonly playerId: string;
  /** Room-scoped id used in every snapshot channel (a u16 as a decimal string). */
  readonly entityId: string;
  /** The player's slot in the simulation. */
  readonly slot: number;
  /** The character this player plays here (its name and appearance show in presence); changed by `setCharacter`. */
  readonly character: RoomCharacter;
  /**
   * What the room shows this player as (presence, chat, `/who`, and what commands match): the character's name,
   * masked, with a number when it looks like the name of someone already here (room-names.ts).
   */
  readonly name: string;
  readonly inputs: InputBuffer;
  /**
   * Server-side moves of this body since it joined (the movement channel's `teleport`; see RoomWorld.teleport). Kept
   * for the body's whole life in the world (a lingering body taken back, a resumed session): a page compares it with
   * the value it last saw, and a new session takes its first snapshot's value as the start.
   */
  readonly teleport: number;
}

/** What a creature does this step: held input bits (sim-core's InputBit) and an aim, rewritten by its brain. */
export interface CreatureInput {
  bits: number;
  aimX: number;
  aimY: number;
}

/** What a creature is, chosen by whoever adds it (the wildlife feature): its species and how it fights. */
export interface CreatureKind {
  readonly species: string;
  readonly name: string;
  /** What it attacks with (the combat feature gives the body this weapon and hp). */
  readonly weapon: Weapon;
  readonly maxHp: number;
}

/** A creature in the room: a body of the simulation like a player's, driven by `input` instead of a client. */
export interface CreatureEntity extends CreatureKind {
  /** Room-scoped id, from the same pool as players' (a u16 as a decimal string). */
  readonly entityId: string;
  readonly slot: number;
  readonly input: CreatureInput;
  /** Server-side moves of this body since it was added (see RoomWorld.teleport). */
  readonly teleport: number;
}

/** A body of the world: a player's or a creature's. */
export type Body = PlayerEntity | CreatureEntity;

/**
 * The game state of one room: who is here and the simulation they move in. No IO: the Durable Object feeds it
 * inputs and reads channels from it; storage and sockets stay outside.
 */
export class RoomWorld {
  readonly players = new Map<string, PlayerEntity>();
  /** Entity id → creature. Creatures share the entity ids and body slots with players. */
  readonly creatures = new Map<string, CreatureEntity>();
  /** Players whose body stays in the world without a connection for a while (see SessionManager: lingering bodies). */
  private readonly away = new Set<string>();
  private readonly entityIds = new IdPool(1, 0xffff);
  private readonly slots: IdPool;
  private readonly names = new RoomNames();
  private roster = 0;
  private moves = 0;
  /** Where every body is, for what asks who is near whom (`playersNear`, views, creature perception). */
  readonly bodyGrid: BodyGrid;
  /** The world as the welcome describes it: the kind's, with the scenery's seed when it has scenery. */
  readonly rules: WorldRules;

  constructor(
    readonly sim: Sim,
    public tick: number,
    /** The room's kind: its world's bounds and spawn rule. */
    readonly kind: RoomKind = DEFAULT_ROOM_KIND,
    /** The seed of its scenery (room-seed.ts), for kinds with scenery; without one the world is bare. */
    scenerySeed?: number,
  ) {
    this.slots = new IdPool(0, sim.bodies.capacity - 1);
    // The kind decides the world's size (a plaza is 512 m): the sim clamps bodies and bounds tiles to it.
    sim.setWorld(kind.world);
    const seeded = kind.scenery && scenerySeed !== undefined;
    this.rules = seeded ? { ...kind.world, scenerySeed } : kind.world;
    // Before any structure is mirrored in and any body spawns: spawn points pass over the scenery's tiles.
    if (seeded) placeScenery(sim, generateScenery(scenerySeed, kind.world));
    this.bodyGrid = new BodyGrid(this, kind.world);
  }

  /**
   * Where a body keyed `key` (a player id; `id#deaths` for a respawn) appears by the kind's spawn rule: a point of the
   * spawn ring (`ring`) or of the whole world (`scatter`), passing over points someone built on.
   */
  spawnPoint(key: string): { x: number; y: number } {
    const { spawn, world } = this.kind;
    return spawn === "scatter" ? scatterSpawnPoint(this.sim, world, key) : clearSpawnPoint(this.sim, world.spawnRing!, key);
  }

  /** A body at (x, y) would overlap no blocking tile: a place to put one (a creature's spawn, say). */
  isClearOfTiles(x: number, y: number): boolean {
    return clearOfTiles(this.sim, x, y);
  }

  /**
   * Goes up whenever who is in the world changes: a player joins or leaves, a creature is added or removed, a
   * player's character is replaced (`setCharacter`). What is built from the roster alone (presence) is rebuilt only
   * when it moved.
   */
  get rosterVersion(): number {
    return this.roster;
  }

  /**
   * Goes up whenever a body is moved other than by a step: a server-side move (`teleport`), or `noteMoved`. With the
   * tick and the roster, it says when positions may differ from what the body grid last read.
   */
  get movesVersion(): number {
    return this.moves;
  }

  /** A body was moved through the sim directly (a test arranging positions): the body grid reads them again. */
  noteMoved(): void {
    this.moves++;
  }

  /**
   * Puts a player into the world as `character`, at that character's saved profile (or a spawn point clear of
   * structures). `keepInputSeq` continues their input numbering (a resumed session); otherwise the client starts
   * again from 1.
   */
  join(playerId: string, character: RoomCharacter, profile: CharacterProfile | undefined, keepInputSeq: boolean, entityId?: number): PlayerEntity {
    const existing = this.players.get(playerId);
    if (existing) return existing;
    const id = entityId !== undefined && this.entityIds.claim(entityId) ? entityId : this.entityIds.allocate();
    const slot = this.slots.allocate();
    const at = profile ?? { ...this.spawnPoint(playerId), vx: 0, vy: 0 };
    this.sim.bodies.spawn(slot, at.x, at.y, at.vx, at.vy);
    const lastInputSeq = keepInputSeq && profile ? profile.lastInputSeq : 0;
    const name = this.names.claim(playerId, character.name);
    const player: PlayerEntity = { playerId, entityId: String(id), slot, character, name, inputs: new InputBuffer(lastInputSeq), teleport: 0 };
    this.players.set(playerId, player);
    this.roster++;
    return player;
  }

  /** Whether the player's body is in the world without them (they left mid-fight; presence shows `connected: false`). */
  isAway(player: PlayerEntity): boolean {
    return this.away.has(player.playerId);
  }

  setAway(player: PlayerEntity, away: boolean): void {
    if (this.away.has(player.playerId) === away) return;
    if (away) this.away.add(player.playerId);
    else this.away.delete(player.playerId);
    this.roster++;
  }

  /**
   * A body that overlaps a blocking tile (its player was walled in while away) is moved to the nearest free spot;
   * true when it moved. A body already free stays where it is.
   */
  unstick(player: PlayerEntity): boolean {
    const { sim } = this;
    const x = sim.bodies.x(player.slot);
    const y = sim.bodies.y(player.slot);
    const spot = nearestFreeSpot(sim, this.kind.world, x, y);
    if (!spot || (spot.x === x && spot.y === y)) return false;
    return this.teleport(player, spot.x, spot.y);
  }

  /** The player plays `character` now (the same one, fresher, on a resume: its name or looks may have changed). */
  setCharacter(player: PlayerEntity, character: RoomCharacter): void {
    if (player.character === character) return;
    (player as { character: RoomCharacter }).character = character;
    (player as { name: string }).name = this.names.claim(player.playerId, character.name);
    this.roster++;
  }

  /**
   * Called with a leaving player right before their body leaves the simulation (what a feature keeps of the body,
   * its hp say, is still there to read). Set by the room's wiring.
   */
  onLeaving: ((player: PlayerEntity) => void) | undefined;

  leave(playerId: string): PlayerEntity | undefined {
    const player = this.players.get(playerId);
    if (!player) return undefined;
    this.onLeaving?.(player);
    this.sim.bodies.despawn(player.slot);
    this.slots.release(player.slot);
    this.entityIds.release(Number(player.entityId));
    this.players.delete(playerId);
    this.away.delete(playerId);
    this.names.release(playerId);
    this.roster++;
    return player;
  }

  /** Puts a creature's body into the world at (x, y), at rest and idle until its input is set. */
  addCreature(kind: CreatureKind, x: number, y: number): CreatureEntity {
    const entityId = String(this.entityIds.allocate());
    const slot = this.slots.allocate();
    this.sim.bodies.spawn(slot, x, y, 0, 0);
    const creature: CreatureEntity = { ...kind, entityId, slot, input: { bits: 0, aimX: 0, aimY: 0 }, teleport: 0 };
    this.creatures.set(entityId, creature);
    this.roster++;
    return creature;
  }

  removeCreature(entityId: string): CreatureEntity | undefined {
    const creature = this.creatures.get(entityId);
    if (!creature) return undefined;
    this.sim.bodies.despawn(creature.slot);
    this.slots.release(creature.slot);
    this.entityIds.release(Number(entityId));
    this.creatures.delete(entityId);
    this.roster++;
    return creature;
  }

  /**
   * Moves `body` by the room's hand — a respawn, a rejoin moved out of a wall, anything but its own inputs — to
   * (x, y) with velocity (vx, vy) and a fresh position history (lag compensation never rewinds it across the jump),
   * and bumps its `teleport` counter. Every server-side move goes through here: the movement channel carries the
   * counter beside the position, so the page snaps its own body there (re-basing its prediction and replaying its
   * pending inputs) without counting a correction or blending an error, and draws anyone else's there without
   * sliding across the world. A body no longer in the world (its slot may be someone else's) is not moved: false.
   */
  teleport(body: Body, x: number, y: number, vx = 0, vy = 0): boolean {
    const current = "playerId" in body ? this.players.get(body.playerId) : this.creatures.get(body.entityId);
    if (current !== body) return false;
    this.sim.bodies.setState(body.slot, x, y, vx, vy);
    (body as { teleport: number }).teleport = nextTeleport(body.teleport);
    this.moves++;
    return true;
  }

  /**
   * The players whose bodies are within `radius` metres of entity `entityId`'s body (a player or a creature), in join
   * order, by the simulation's positions now — the last step's, what every client was last shown. A player is near
   * itself; an unknown entity has nobody near. A query of the body grid: it costs the players near, not everyone.
   */
  playersNear(entityId: string, radius: number): PlayerEntity[] {
    return this.bodyGrid.current().playersNear(entityId, radius);
  }

  /**
   * Called with each input right before the step that applies it (features act on what an input carries besides
   * movement — a build action — at exactly the step the client predicted it). `catchUp`: the input is a backlogged
   * player's extra one, applied after the world step by a step of their body alone. Set by the room's wiring.
   */
  onInput: ((player: PlayerEntity, input: MovementInput, catchUp: boolean) => void) | undefined;

  /**
   * One fixed step: each player's next input (if any) advances them; every other entity stays put. Players with a
   * backlog (see InputBuffer.takeCatchUp) then get one more input, a step of their own body only (sim.bodies.step):
   * nothing else in the world moves twice. Every creature applies its current `input` in the world step, once:
   * creatures have no backlog and never catch up.
   */
  step(): void {
    for (const player of this.players.values()) {
      player.inputs.earn(1);
      const input = player.inputs.take();
      if (!input) continue;
      this.onInput?.(player, input, false);
      this.sim.bodies.setInput(player.slot, inputBits(input), input.aimX ?? 0, input.aimY ?? 0);
    }
    for (const creature of this.creatures.values()) this.sim.bodies.setInput(creature.slot, creature.input.bits, creature.input.aimX, creature.input.aimY);
    this.sim.step();
    for (const player of this.players.values()) {
      const input = player.inputs.takeCatchUp();
      if (!input) continue;
      this.onInput?.(player, input, true);
      this.sim.bodies.setInput(player.slot, inputBits(input), input.aimX ?? 0, input.aimY ?? 0);
      this.sim.bodies.step(player.slot);
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
      x: sim.bodies.x(player.slot),
      y: sim.bodies.y(player.slot),
      vx: sim.bodies.vx(player.slot),
      vy: sim.bodies.vy(player.slot),
      lastInputSeq: player.inputs.lastAppliedSeq,
    };
  }
}
