import { runInDurableObject } from "cloudflare:test";
import { applySnapshot, createReplica, Kind, type MovementInput, type Replica, type ServerMessage, type SnapshotMessage } from "@edgehold/protocol";
import { STEPS_PER_SNAPSHOT } from "../../src/room/room-config.ts";
import { DEFAULT_ROOM_KIND } from "../../src/room/kinds/room-kinds.ts";
import { defineRoomKind } from "../../src/room/kinds/room-kind.ts";
import type { RoomWorld } from "../../src/room/room-world.ts";
import { ClockedRoom, type RoomNamespace } from "./clocked-room.ts";
import { internalsOf } from "./room-internals.ts";
import type { TestClient } from "./test-client.ts";
import type { TestRoomDurableObject } from "./test-worker.ts";

/**
 * Today's room (128 m, the spawn ring) with an interest radius of 64 m: the interest tests' kind, defined only here
 * (the `plaza` kind is the registry's once the simulation holds its 512 m).
 */
export const INTEREST_TEST_KIND = defineRoomKind({ ...DEFAULT_ROOM_KIND, name: "interest-test", interestRadius: 64 });

/** A fresh clocked room of INTEREST_TEST_KIND (created as `POST /api/rooms` would, then joined over real sockets). */
export async function interestRoom(prefix: string, namespace: RoomNamespace = "ROOMS"): Promise<ClockedRoom> {
  const room = new ClockedRoom(prefix, namespace);
  await runInDurableObject(room.stub(), (instance: TestRoomDurableObject) =>
    instance.create({ code: room.code, kind: INTEREST_TEST_KIND, public: false, owner: "interest-owner" }),
  );
  return room;
}

/** The room's world, read or arranged inside its Durable Object. */
export function inRoomWorld<T>(room: ClockedRoom, use: (world: RoomWorld) => T): Promise<T> {
  return runInDurableObject(room.stub(), (instance) => use(internalsOf(instance).world));
}

/** Puts a player's body at (x, y), at rest (as room-internals' `place`, in any namespace). */
export function placeIn(room: ClockedRoom, playerId: string, x: number, y: number): Promise<void> {
  return inRoomWorld(room, (world) => {
    world.sim.bodies.setState(world.players.get(playerId)!.slot, x, y, 0, 0);
    world.noteMoved();
  });
}

/**
 * Steps the room until every client has received a snapshot made after what they sent so far (a snapshot period, 3
 * steps, at most: each connection's snapshots go out on its own phase of the period).
 */
export async function snapshotPeriod(room: ClockedRoom, clients: readonly TestClient[]): Promise<void> {
  const from = clients.map((client) => client.received.length);
  const fresh = () => clients.every((client, i) => snapshotsSince(client, from[i]).length > 0);
  for (let steps = 0; ; steps++) {
    await room.steps(1, { after: clients });
    for (const client of clients) await client.roundTrip();
    if (fresh()) return;
    if (steps > 2 * STEPS_PER_SNAPSHOT) throw new Error("no snapshot for every client within two snapshot periods");
  }
}

/** Snapshots a client received from `since` (an index into `received`). */
export function snapshotsSince(client: TestClient, since = 0): SnapshotMessage[] {
  return client.received.slice(since).filter((m: ServerMessage): m is SnapshotMessage => m.kind === Kind.snapshot);
}

/** What a client holds now: every snapshot it received, applied in order. */
export function replicaOf(client: TestClient): Replica {
  const replica = createReplica();
  for (const snapshot of snapshotsSince(client)) applySnapshot(replica, snapshot.payload);
  return replica;
}

/** The ids listed in `channel`'s `remove` of the snapshots from `since`. */
export function removedSince(client: TestClient, channel: string, since: number): string[] {
  return snapshotsSince(client, since).flatMap((s) => (s.payload.features as Record<string, { remove?: string[] } | undefined>)[channel]?.remove ?? []);
}

/** The `set` entries of `id` in `channel` of the snapshots from `since`, in order. */
export function setsSince(client: TestClient, channel: string, id: string, since: number): Record<string, unknown>[] {
  return snapshotsSince(client, since).flatMap((s) => {
    const entry = (s.payload.features as Record<string, { set?: Record<string, Record<string, unknown>> } | undefined>)[channel]?.set?.[id];
    return entry ? [entry] : [];
  });
}

/** A still input (no keys held) with `extra` (a build action, fire). */
export function stillInput(seq: number, extra: Partial<MovementInput> = {}): MovementInput {
  return { seq, up: false, down: false, left: false, right: false, ...extra };
}
