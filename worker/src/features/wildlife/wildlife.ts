import type { WorldBounds } from "@edgehold/sim-core";
import { mulberry32 } from "@edgehold/sim-core";
import type { CreatureEntity, RoomWorld } from "../../room/room-world.ts";
import { freshMemory, think, unit, type BrainMemory, type Sighting } from "./brain.ts";
import { PlayerPositions, sightOf } from "./perception.ts";
import type { Population } from "./population.ts";
import { creatureSpawnPoint } from "./spawn-points.ts";
import { SPECIES, type Species } from "./species.ts";

/** A dead creature's body stays 2 s (60 steps): long enough for the page to show it fall, then it goes. */
export const REMOVE_AFTER_STEPS = 60;
/** A new one of its species appears 10–20 s (300–600 steps) after a death: a hunted glade empties for a while. */
export const CREATURE_RESPAWN_STEPS = { min: 300, spread: 300 };

/** A creature's mind: its species, memory, own PRNG, where it spawned, and the tick it died (if it did). */
interface Mind {
  readonly species: Species;
  readonly memory: BrainMemory;
  readonly random: () => number;
  readonly homeX: number;
  readonly homeY: number;
  diedAt: number | undefined;
}

/**
 * The wildlife of one room: it keeps `population` creatures alive, drives their bodies with their brains, and
 * replaces the dead. Everything it decides comes from `seed` and the world (no clock): the same seed, joins and
 * inputs give the same creatures doing the same things. Times are in steps of the room's tick, which stands still
 * while the room's loop is stopped: an empty room's wildlife waits, frozen, for the next player.
 */
export class Wildlife {
  /** The room's PRNG: spawn points, names, respawn delays, and each creature's own seed. Made on first use. */
  private randomOrUndefined: (() => number) | undefined;
  private readonly minds = new Map<string, Mind>();
  /** Species to bring back, and the tick from which each may. */
  private readonly respawns: { species: Species; dueTick: number }[] = [];
  private populated = false;
  private readonly players = new PlayerPositions();
  /** What each brain looks at, rewritten for every creature in turn (a step allocates nothing per creature). */
  private readonly view: { x: number; y: number; vx: number; vy: number; homeX: number; homeY: number; nearest: Sighting | undefined; world?: WorldBounds } = {
    x: 0,
    y: 0,
    vx: 0,
    vy: 0,
    homeX: 0,
    homeY: 0,
    nearest: undefined,
  };

  /**
   * `seed`: the room's seed (room/room-seed.ts), or where to get it — asked only when the first creature is about
   * to appear (a room that is only looked at, never joined, writes nothing).
   */
  constructor(
    private readonly population: Population,
    private readonly seed: number | (() => number),
  ) {}

  private get random(): () => number {
    return (this.randomOrUndefined ??= mulberry32(typeof this.seed === "number" ? this.seed : this.seed()));
  }

  /** Before a world step: the first time, the whole population appears; then the due respawns; then every brain thinks. */
  beforeStep(world: RoomWorld): void {
    if (!this.populated) this.populate(world);
    this.respawnDue(world);
    const players = this.players.read(world);
    const bodies = world.sim.bodies.view();
    const { view } = this;
    view.world = world.kind.world;
    for (const creature of world.creatures.values()) {
      const mind = this.minds.get(creature.entityId);
      if (!mind) continue;
      const { input } = creature;
      if (mind.diedAt !== undefined) {
        input.bits = 0;
        input.aimX = 0;
        input.aimY = 0;
        continue;
      }
      view.x = bodies.x[creature.slot]!;
      view.y = bodies.y[creature.slot]!;
      view.vx = bodies.vx[creature.slot]!;
      view.vy = bodies.vy[creature.slot]!;
      view.homeX = mind.homeX;
      view.homeY = mind.homeY;
      view.nearest = players.nearest(view.x, view.y, sightOf(mind.species));
      think(mind.species, view, mind.memory, mind.random, input);
    }
  }

  /** After a world step: a creature that just died is stamped (and its replacement scheduled); one dead long enough goes. */
  afterStep(world: RoomWorld): void {
    for (const creature of world.creatures.values()) {
      const mind = this.minds.get(creature.entityId);
      if (!mind) continue;
      if (mind.diedAt === undefined) {
        if (world.sim.combat.isAlive(creature.slot)) continue;
        mind.diedAt = world.tick;
        const delay = CREATURE_RESPAWN_STEPS.min + Math.floor(unit(this.random) * CREATURE_RESPAWN_STEPS.spread);
        this.respawns.push({ species: mind.species, dueTick: world.tick + delay });
      } else if (world.tick - mind.diedAt >= REMOVE_AFTER_STEPS) {
        world.removeCreature(creature.entityId);
        this.minds.delete(creature.entityId);
      }
    }
  }

  private populate(world: RoomWorld): void {
    this.populated = true;
    for (const species of SPECIES) for (let i = 0; i < (this.population.get(species.id) ?? 0); i++) this.spawn(world, species);
  }

  private respawnDue(world: RoomWorld): void {
    for (let i = 0; i < this.respawns.length; ) {
      if (this.respawns[i]!.dueTick > world.tick) {
        i++;
        continue;
      }
      this.spawn(world, this.respawns[i]!.species);
      this.respawns.splice(i, 1);
    }
  }

  private spawn(world: RoomWorld, species: Species): CreatureEntity {
    const at = creatureSpawnPoint(world, this.random);
    const name = species.names[Math.floor(unit(this.random) * species.names.length)]!;
    const creature = world.addCreature({ species: species.id, name, weapon: species.weapon, maxHp: species.maxHp }, at.x, at.y);
    // Home is where the sim placed it (on its grid), so a replay's home is bit-identical.
    const home = { x: world.sim.bodies.x(creature.slot), y: world.sim.bodies.y(creature.slot) };
    this.minds.set(creature.entityId, { species, memory: freshMemory(), random: mulberry32(this.random()), homeX: home.x, homeY: home.y, diedAt: undefined });
    return creature;
  }
}
