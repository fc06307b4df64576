import { DEFAULT_WORLD, TILE_MAX, TILE_MIN } from "@edgehold/sim-core";
import { defineRoomKind, type RoomKind } from "./room-kind.ts";

/** Today's room: the 128 m square, players appearing on a ring 4–8 m around its centre. */
const RING_WORLD = { ...DEFAULT_WORLD, spawnRing: { minRadius: 4, maxRadius: 8 } };

/**
 * The room kinds this deployment offers: a game developer adds one with one entry here. A room's kind is fixed when
 * it is created (`POST /api/rooms { kind }`); a code opened by link that nobody created is a `room`.
 */
export const ROOM_KINDS: ReadonlyMap<string, RoomKind> = new Map(
  [
    defineRoomKind({
      // A private room shared by link: today's 128 m square, everyone receives everything.
      name: "room",
      world: RING_WORLD,
      // 64 is the load target; past 128 a room should be sharded by zone or interest, not grown.
      capacity: 128,
      listed: false,
      spawn: "ring",
    }),
    defineRoomKind({
      // A matchmade instance (ARCHITECTURE.md "Play together"): today's 128 m world and spawn ring, for 24 players
      // (seed 000 plans instances of 20–30: enough for a fight in every corner, few enough that everyone matters).
      // Listed publicly: `POST /api/matchmake { kind: "arena" }` fills the fullest one, `GET /api/rooms` shows them.
      name: "arena",
      world: RING_WORLD,
      capacity: 24,
      listed: true,
      spawn: "ring",
    }),
    defineRoomKind({
      // A public square for a crowd: 512 m (the largest world the sim holds), each player receiving what is within
      // 64 m of them (ARCHITECTURE.md "Interest management"), players scattered over it rather than on one ring.
      name: "plaza",
      world: { minTile: TILE_MIN, maxTile: TILE_MAX },
      capacity: 1000,
      interestRadius: 64,
      scenery: true,
      listed: true,
      spawn: "scatter",
    }),
  ].map((kind) => [kind.name, kind]),
);

/** The kind of a room opened by link that nobody created (and of rooms made before kinds existed). */
export const DEFAULT_ROOM_KIND = ROOM_KINDS.get("room")!;

export function roomKindNamed(name: string): RoomKind | undefined {
  return ROOM_KINDS.get(name);
}
