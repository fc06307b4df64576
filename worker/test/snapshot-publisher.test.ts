import { describe, expect, it } from "vitest";
import { decodeServerMessage, type Codec, type Frame, type SnapshotMessage } from "@edgehold/protocol";
import { WasmMovementSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { collectMovement } from "../src/features/movement/movement-channel.ts";
import { collectPresence } from "../src/features/presence/presence-channel.ts";
import { Connection } from "../src/room/connection.ts";
import { STEPS_PER_SNAPSHOT } from "../src/room/room-config.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { SnapshotPublisher } from "../src/room/snapshot-publisher.ts";
import type { SnapshotView } from "../src/room/snapshot-view.ts";

/** A connection on a real (unconnected) socket whose sent frames the test reads, decoded as a client would. */
function connection(playerId: string, entityId: number, codec: Codec = "msgpack"): { connection: Connection; sent: SnapshotMessage[]; frames: Frame[] } {
  const [, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  const attachment = { connectionId: playerId, roomCode: "r", playerId, entityId, characterId: "default", codec, connectedAt: 0 };
  const made = new Connection(server, attachment, 0, 0);
  const sent: SnapshotMessage[] = [];
  const frames: Frame[] = [];
  made.sendFrame = (frame: Frame) => {
    frames.push(frame);
    sent.push(decodeServerMessage(frame) as SnapshotMessage);
  };
  return { connection: made, sent, frames };
}

/** A view of one entity only: what interest management will look like. */
const onlyEntity = (id: string): SnapshotView => ({ key: `only-${id}`, select: (_channel, entities) => new Map([...entities].filter(([e]) => e === id)) });

describe("snapshot publisher", () => {
  it("diffs and shares one patch per distinct view; other views see only their part", () => {
    const world = new RoomWorld(WasmMovementSim.fromModule(simModule), 0);
    const a = world.join("a", defaultCharacter("a", "A"), undefined, false);
    const b = world.join("b", defaultCharacter("b", "B"), undefined, false);
    const publisher = new SnapshotPublisher([
      { name: "presence", collect: () => collectPresence(world) },
      { name: "movement", collect: () => collectMovement(world) },
    ]);
    const first = connection("a", Number(a.entityId));
    const second = connection("b", Number(b.entityId));
    const narrow = connection("c", 99);
    narrow.connection.setView(onlyEntity(a.entityId));
    const all = [first.connection, second.connection, narrow.connection];

    publisher.publish(world, all, 0);
    expect(first.sent[0]!.payload.mode).toBe("full");
    // Same view: the same features (diffed once, encoded once), each with its own header.
    expect(second.sent[0]!.payload.features).toEqual(first.sent[0]!.payload.features);
    expect(Object.keys(first.sent[0]!.payload.features.movement!.set!).sort()).toEqual([a.entityId, b.entityId].sort());
    expect(Object.keys(narrow.sent[0]!.payload.features.movement!.set!)).toEqual([a.entityId]);

    // b walks: the shared delta has b; the narrow view's delta has nothing to say about b.
    b.inputs.push([{ seq: 1, up: true, down: false, left: false, right: false }]);
    for (let i = 0; i < STEPS_PER_SNAPSHOT; i++) world.step();
    publisher.publish(world, all, 100);
    expect(first.sent[1]!.payload.mode).toBe("delta");
    expect(Object.keys(first.sent[1]!.payload.features.movement!.set!)).toEqual([b.entityId]);
    expect(second.sent[1]!.payload.features).toEqual(first.sent[1]!.payload.features);
    expect(narrow.sent[1]!.payload.features).toEqual({});

    // A connection that changes its view starts that view with a full snapshot.
    second.connection.setView(onlyEntity(a.entityId));
    for (let i = 0; i < STEPS_PER_SNAPSHOT; i++) world.step();
    publisher.publish(world, all, 200);
    expect(second.sent[2]!.payload.mode).toBe("full");
    expect(Object.keys(second.sent[2]!.payload.features.movement!.set!)).toEqual([a.entityId]);
  });
});
