import type { WorldRules } from "@edgehold/protocol";
import { TILE_MAX, TILE_MIN, isValidWorld } from "@edgehold/sim-core";

/**
 * A kind of room: everything about a room that is fixed when it is created and differs between kinds. The room reads
 * its world, capacity and spawn rule from here, never from constants (worker/src/room/kinds/room-kinds.ts lists them).
 */
export interface RoomKind {
  /** The name clients use (`POST /api/rooms { kind }`), lower case. */
  readonly name: string;
  /** The world's bounds and, for ring spawns, the spawn ring (sent to clients in the welcome). */
  readonly world: WorldRules;
  /** Players at once; a join beyond it is closed 4003. */
  readonly capacity: number;
  /** Metres around a player within which it receives entities; undefined: every client receives everything. */
  readonly interestRadius?: number;
  /**
   * Whether its world has scenery: trees, rocks and landmarks from a seed drawn once per room (sim-core's
   * generateScenery, run by the room and the page alike), blocking and indestructible, never structures.
   */
  readonly scenery?: boolean;
  /** Whether a room of this kind is listed publicly unless its creator says otherwise. */
  readonly listed: boolean;
  /**
   * Where players appear: `ring`, the spawn ring around the origin (`world.spawnRing`); `scatter`, anywhere in the
   * world clear of blocking tiles (movement/spawn-point.ts).
   */
  readonly spawn: "ring" | "scatter";
  /** Features of the room's list this kind runs without (by protocol name); absent: every feature. */
  readonly withoutFeatures?: readonly string[];
}

/**
 * A kind, checked once at start-up: a world the simulation cannot hold, or a ring spawn without a ring, is a mistake
 * in code, caught before any room of it exists.
 */
export function defineRoomKind(kind: RoomKind): RoomKind {
  const { name, world } = kind;
  if (!/^[a-z][a-z0-9_-]*$/.test(name)) throw new Error(`room kind "${name}": names are lower-case words`);
  if (!isValidWorld(world)) {
    throw new Error(`room kind "${name}": tiles ${world.minTile}..${world.maxTile} are not a world of the simulation's ${TILE_MIN}..${TILE_MAX} holding tile (0, 0)`);
  }
  if (kind.spawn === "ring" && !world.spawnRing) throw new Error(`room kind "${name}": a ring spawn needs world.spawnRing`);
  if (!(Number.isInteger(kind.capacity) && kind.capacity > 0)) throw new Error(`room kind "${name}": capacity must be a positive integer`);
  const radius = kind.interestRadius;
  if (radius !== undefined && !(Number.isFinite(radius) && radius > 0)) throw new Error(`room kind "${name}": interestRadius must be a positive number of metres`);
  for (const feature of ["movement", "session", "presence"]) {
    if (kind.withoutFeatures?.includes(feature)) throw new Error(`room kind "${name}": the ${feature} feature cannot be turned off`);
  }
  return Object.freeze(kind);
}
