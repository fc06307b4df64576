import { env, runInDurableObject } from "cloudflare:test";
import type { Connection } from "../../src/room/connection.ts";
import type { ConnectionHub } from "../../src/room/connection-hub.ts";
import { DEFAULT_ROOM_KIND } from "../../src/room/kinds/room-kinds.ts";
import type { RoomDurableObject } from "../../src/room/room-durable-object.ts";
import type { RoomFeatures } from "../../src/room/room-features.ts";
import type { RoomWorld } from "../../src/room/room-world.ts";
import type { RowsWrittenCounter } from "../../src/storage/rows-written.ts";

/** The pieces of an open room a test may arrange or read (private to the room: the room is glue). */
export interface RoomInternals {
  world: RoomWorld;
  features: RoomFeatures;
  hub: ConnectionHub;
  rowsWritten: RowsWrittenCounter;
}

/** The open room inside a RoomDurableObject instance (runInDurableObject's); throws if it never opened. */
export function internalsOf(instance: unknown): RoomInternals {
  const runtime = (instance as { runtime?: RoomInternals }).runtime;
  if (!runtime) throw new Error("the room is not open (never created or joined)");
  return runtime;
}

/**
 * Makes `room` a room of the default kind (owned by `owner`), as `POST /api/rooms` would under that code: its object
 * opens and migrates its schema. For tests that arrange a room's SQLite before anyone joins.
 */
export async function openRoom(room: string, owner = "test-owner"): Promise<void> {
  const stub = env.ROOMS.get(env.ROOMS.idFromName(room)) as DurableObjectStub<RoomDurableObject>;
  await runInDurableObject(stub, (instance) => (instance as RoomDurableObject).create({ code: room, kind: DEFAULT_ROOM_KIND, public: false, owner }));
}

/** The room's world, read inside its Durable Object (for arranging a test). */
export async function inWorld<T>(room: string, use: (world: RoomWorld) => T): Promise<T> {
  const stub = env.ROOMS.get(env.ROOMS.idFromName(room)) as DurableObjectStub<RoomDurableObject>;
  return runInDurableObject(stub, (instance) => use(internalsOf(instance).world));
}

/** Puts a player's body at (x, y), at rest: walking 30 m would take the test seconds. */
export async function place(room: string, playerId: string, x: number, y: number): Promise<void> {
  await inWorld(room, (world) => {
    world.sim.bodies.setState(world.players.get(playerId)!.slot, x, y, 0, 0);
    world.noteMoved();
  });
}

/**
 * Reads `playerId`'s live connection inside the room's Durable Object (ROOMS, or a test-only namespace such as
 * FLOW_TEST_ROOMS): what the room knows of it, e.g. its measured RTT.
 */
export async function inConnection<T>(room: string, playerId: string, use: (connection: Connection | undefined) => T, namespace = "ROOMS"): Promise<T> {
  const rooms = (env as unknown as Record<string, DurableObjectNamespace>)[namespace]!;
  return runInDurableObject(rooms.get(rooms.idFromName(room)), (instance) => use(internalsOf(instance).hub.byPlayer.get(playerId)));
}
