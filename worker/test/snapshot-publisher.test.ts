import { describe, expect, it, vi } from "vitest";
import { decodeServerMessage, type Codec, type Frame, type SnapshotMessage } from "@edgehold/protocol";
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { collectMovement } from "../src/features/movement/movement-channel.ts";
import { collectPresence } from "../src/features/presence/presence-channel.ts";
import { Connection } from "../src/room/connection.ts";
import { ReadConfirmation } from "../src/room/read-confirmation.ts";
import { notReading } from "../src/room/snapshot-flow.ts";
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
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
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

describe("one full snapshot encoding per tick and view", () => {
  it("encodes the features once for every JSON connection that needs a full snapshot on a tick; headers stay their own", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const a = world.join("a", defaultCharacter("a", "A"), undefined, false);
    world.join("b", defaultCharacter("b", "B"), undefined, false);
    a.inputs.push([{ seq: 1, up: true, down: false, left: false, right: false }]);
    world.step();
    world.step();
    world.step();
    const publisher = new SnapshotPublisher([
      { name: "presence", collect: () => collectPresence(world) },
      { name: "movement", collect: () => collectMovement(world) },
    ]);
    const readers = ["a", "b", "c", "d"].map((id, i) => connection(id, i + 1, "json"));
    const binary = [connection("e", 5), connection("f", 6)];
    const stringify = vi.spyOn(JSON, "stringify");
    let featureEncodes: number;
    try {
      publisher.publish(world, [...readers, ...binary].map((r) => r.connection), 100);
      // Four connections, one encoding of the room (a JSON header per connection mentions no channel).
      featureEncodes = stringify.mock.results.filter((result) => typeof result.value === "string" && result.value.includes('"movement"')).length;
    } finally {
      stringify.mockRestore();
    }
    expect(featureEncodes).toBe(1);
    for (const reader of [...readers, ...binary]) expect(reader.sent[0]!.payload.mode).toBe("full");
    expect(readers[0]!.sent[0]!.payload.ackInputSeq).toBe(1);
    expect(readers[1]!.sent[0]!.payload.ackInputSeq).toBe(0);
    expect(readers[1]!.sent[0]!.payload.features).toEqual(readers[0]!.sent[0]!.payload.features);
    // The binary frames carry the same encoded features after their own header.
    const [e, f] = binary.map((r) => r.frames[0] as Uint8Array);
    const tail = (frame: Uint8Array, length: number) => [...frame.subarray(frame.length - length)];
    expect(e!.length).toBe(f!.length);
    expect(tail(e!, e!.length - 80)).toEqual(tail(f!, f!.length - 80));
  });
});

describe("flow control (snapshot-flow.ts)", () => {
  const limits = { lagMs: 2_000, closeAfterMs: 15_000 };

  function room() {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const a = world.join("a", defaultCharacter("a", "A"), undefined, false);
    const publisher = new SnapshotPublisher([{ name: "movement", collect: () => collectMovement(world) }], undefined, limits);
    const reader = connection("a", Number(a.entityId));
    let now = 0;
    const publish = () => {
      for (let i = 0; i < STEPS_PER_SNAPSHOT; i++) world.step();
      now += 100;
      publisher.publish(world, [reader.connection], now);
    };
    publisher.publish(world, [reader.connection], now);
    return { reader, publish, now: () => now };
  }

  it("measures RTT from ackTick, sends fulls every 2 s to a connection that stops confirming, and a full when it catches up", () => {
    const { reader, publish, now } = room();
    const { connection: c, sent } = reader;
    for (let i = 0; i < 10; i++) {
      publish();
      c.confirmRead(sent.at(-1)!.payload.tick, now() + 20);
    }
    expect(c.rttMs).toBe(20);
    expect(sent.slice(1).every((s) => s.payload.mode === "delta")).toBe(true);

    // It stops confirming for 7 s.
    const before = sent.length;
    const stoppedAt = now();
    for (let i = 0; i < 70; i++) publish();
    const after = sent.slice(before);
    const firstFull = after.findIndex((s) => s.payload.mode === "full");
    // Deltas while it lags 2 s or less (the oldest it did not confirm went out at stoppedAt + 100): 21 of them.
    expect(firstFull).toBe(21);
    expect(after.slice(firstFull).map((s) => [s.payload.mode, s.payload.serverTime - stoppedAt])).toEqual([
      ["full", 2_200],
      ["full", 4_200],
      ["full", 6_200],
    ]);
    expect(notReading(c.reading, now(), limits)).toBe(false);

    // It reads the last full and says so: the next snapshot is a full (it skipped the deltas since), then deltas.
    c.confirmRead(sent.at(-1)!.payload.tick, now() + 30);
    publish();
    publish();
    expect(sent.slice(-2).map((s) => s.payload.mode)).toEqual(["full", "delta"]);
  });

  it("a connection that confirms nothing is not reading 15 s after its welcome; one that lags 15 s neither", () => {
    const { reader, publish, now } = room();
    const c = reader.connection;
    while (now() <= limits.closeAfterMs) {
      expect(notReading(c.reading, now(), limits)).toBe(false);
      publish();
    }
    expect(notReading(c.reading, now(), limits)).toBe(true);
    // Snapshots in flight to it: ~20 deltas, then one full per 2 s — not 150.
    expect(reader.sent.length).toBeLessThanOrEqual(21 + limits.closeAfterMs / limits.lagMs);

    const lagging = room();
    lagging.publish();
    lagging.reader.connection.confirmRead(lagging.reader.sent.at(-1)!.payload.tick, lagging.now());
    while (lagging.now() <= limits.closeAfterMs + 200) lagging.publish();
    expect(notReading(lagging.reader.connection.reading, lagging.now(), limits)).toBe(true);
  });
});

describe("read confirmation (read-confirmation.ts)", () => {
  it("samples RTT only from a snapshot sent here, confirmed for the first time", () => {
    const reading = new ReadConfirmation(0);
    reading.sent(3, 1_000, true);
    reading.sent(6, 1_100, false);
    reading.confirm(9, 1_150); // never sent: confirms nothing
    expect(reading.confirmedAny).toBe(false);
    expect(reading.lagMs(1_150)).toBe(150);
    reading.confirm(3, 1_080);
    expect(reading.rttMs).toBe(80);
    reading.confirm(3, 1_500); // the same tick again: no new sample
    expect(reading.rttMs).toBe(80);
    reading.confirm(6, 1_260);
    // Smoothed: one sample of 160 moves 80 by an eighth of the difference.
    expect(reading.rttMs).toBe(90);
    expect(reading.lagMs(5_000)).toBe(0);
    expect(reading.confirmedAny).toBe(true);
  });
});
