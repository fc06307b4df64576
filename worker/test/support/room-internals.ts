import { env, runInDurableObject } from "cloudflare:test";
import type { Connection } from "../../src/room/connection.ts";
import type { ConnectionHub } from "../../src/room/connection-hub.ts";
import type { RoomDurableObject } from "../../src/room/room-durable-object.ts";
import type { RoomWorld } from "../../src/room/room-world.ts";

/** The room's world, read inside its Durable Object (for arranging a test; the room is glue, `world` is private). */
export async function inWorld<T>(room: string, use: (world: RoomWorld) => T): Promise<T> {
  const stub = env.ROOMS.get(env.ROOMS.idFromName(room)) as DurableObjectStub<RoomDurableObject>;
  return runInDurableObject(stub, (instance) => use((instance as unknown as { world: RoomWorld }).world));
}

/** Puts a player's body at (x, y), at rest: walking 30 m would take the test seconds. */
export async function place(room: string, playerId: string, x: number, y: number): Promise<void> {
  await inWorld(room, (world) => world.sim.setState(world.players.get(playerId)!.slot, x, y, 0, 0));
}

/**
 * Restarts one room's Durable Object (its memory is gone, its SQLite stays; the next request constructs it again).
 * Only this room: abortAllDurableObjects would also reset objects that other test files are using.
 */
export async function restartRoom(room: string): Promise<void> {
  const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
  await runInDurableObject(stub, (_instance, state) => state.abort("restart")).catch(() => undefined);
}

/**
 * Reads `playerId`'s live connection inside the room's Durable Object (ROOMS, or a test-only namespace such as
 * FLOW_TEST_ROOMS): what the room knows of it, e.g. its measured RTT.
 */
export async function inConnection<T>(room: string, playerId: string, use: (connection: Connection | undefined) => T, namespace = "ROOMS"): Promise<T> {
  const rooms = (env as unknown as Record<string, DurableObjectNamespace>)[namespace]!;
  return runInDurableObject(rooms.get(rooms.idFromName(room)), (instance) => use((instance as unknown as { hub: ConnectionHub }).hub.byPlayer.get(playerId)));
}
