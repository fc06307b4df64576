// Issue 19 §3: in a room with an interest radius every connection's snapshot differs, so each entity's fields are
// encoded once per snapshot tick and every connection's frame assembled from those bytes. These tests hold the
// assembled frames to what encoding each connection's features from objects gives, in both codecs, for connections
// whose views differ (entities entering, leaving and staying in view), and rooms without a radius to their bytes.
import { describe, expect, it, vi } from "vitest";
import {
  decodeServerMessage,
  encodeServerMessage,
  encodeSnapshotFeatures,
  encodeSnapshotFrame,
  Kind,
  plainPatch,
  PROTOCOL_VERSION,
  SnapshotAssembler,
  type Codec,
  type Frame,
  type ServerMessage,
  type SnapshotMessage,
} from "@edgehold/protocol";
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { collectMovement } from "../src/features/movement/movement-channel.ts";
import { collectPresence } from "../src/features/presence/presence-channel.ts";
import { Connection } from "../src/room/connection.ts";
import { RoomInterest } from "../src/room/interest/room-interest.ts";
import { roomKindNamed } from "../src/room/kinds/room-kinds.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import type { CollectedChannel } from "../src/room/room-features.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { SnapshotPublisher } from "../src/room/snapshot-publisher.ts";

interface Reader {
  connection: Connection;
  frames: Frame[];
}

/** A connection on a real (unconnected) socket, its sent frames kept. */
function reader(playerId: string, entityId: string, codec: Codec, phase: number): Reader {
  const [, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  const attachment = { connectionId: playerId, roomCode: "r", playerId, entityId: Number(entityId), characterId: "default", codec, connectedAt: 0 };
  const connection = new Connection(server, attachment, 0, phase);
  const frames: Frame[] = [];
  connection.sendFrame = (frame: Frame) => void frames.push(frame);
  return { connection, frames };
}

/**
 * A 512 m plaza (R = 64 m) of four players and its channels: movement and presence as the room collects them, a
 * `combat` channel whose stamina changes every tick, a plain entity channel (`build_preview`) and a `projectile`
 * channel filtered by position (binary, packed whole).
 */
function plaza() {
  const world = new RoomWorld(WasmSim.fromModule(simModule), 0, roomKindNamed("plaza")!);
  const names = ["ann", "bob", "cat", "dan"];
  const players = names.map((name) => world.join(name, defaultCharacter(name, name), undefined, false));
  const place = (name: string, x: number, y: number) => {
    world.sim.bodies.setState(world.players.get(name)!.slot, x, y, 0, 0);
    world.noteMoved();
  };
  const channels: CollectedChannel[] = [
    { name: "presence", collect: () => collectPresence(world), interest: { by: "entity", everyone: (fields) => fields.kind === "player" } },
    { name: "movement", collect: () => collectMovement(world), interest: { by: "entity" } },
    {
      name: "combat",
      collect: () => new Map(players.map((p, i) => [p.entityId, { hp: 100 - i, maxHp: 100, alive: true, stamina: (world.tick % 50) + i / 4, kills: i, deaths: 0 }])),
      interest: { by: "entity" },
    },
    { name: "build_preview", collect: () => new Map(players.slice(1).map((p, i) => [p.entityId, { tx: 200 + i, ty: -3, kind: "wall" }])), interest: { by: "entity" } },
    { name: "projectile", collect: () => new Map([["9", { x: 150.5, y: world.tick / 8, vx: 0, vy: 12, owner: players[1]!.entityId, seq: 4 }]]), interest: { by: "position" } },
  ];
  const connections = new Map<WebSocket, Connection>();
  const byPlayer = new Map<string, Connection>();
  // ann and bob share a phase (one tick's entities reach both); cat and dan have their own.
  const readers = [reader("ann", players[0]!.entityId, "msgpack", 0), reader("bob", players[1]!.entityId, "json", 0)];
  readers.push(reader("cat", players[2]!.entityId, "msgpack", 1), reader("dan", players[3]!.entityId, "json", 0));
  for (const { connection } of readers) {
    connections.set(connection.socket, connection);
    byPlayer.set(connection.playerId, connection);
  }
  const interest = new RoomInterest(world, channels, 64, { connections, byPlayer });
  return { world, players, place, channels, readers, interest };
}

const decode = (frame: Frame) => decodeServerMessage(frame) as SnapshotMessage;

describe("snapshot frames assembled from entities encoded once per tick (a room with an interest radius)", () => {
  it("decode, for every connection and in both codecs, to the frame of its features encoded from objects, as views gain, keep and lose entities", () => {
    const { world, players, place, channels, readers, interest } = plaza();
    const ids = players.map((p) => p.entityId);
    place("ann", 150, 0);
    place("bob", 160, 0);
    place("cat", 210, 0);
    place("dan", 100, 0);
    const objectEncodes = vi.fn(encodeSnapshotFeatures);
    const publisher = new SnapshotPublisher(channels, { encodeSnapshotFeatures: objectEncodes, createSnapshotAssembler: () => new SnapshotAssembler() }, undefined, interest);
    // Every connection's features, as the interest filters made them, in the order the frames went out.
    const features = new Map<Connection, object[]>();
    const filter = interest.features.bind(interest);
    vi.spyOn(interest, "features").mockImplementation((connection, ...rest) => {
      const made = filter(connection, ...rest);
      // As plain objects (the filters' sets are Maps), for encoding from objects below.
      const plain = Object.fromEntries(Object.entries(made).map(([name, patch]) => [name, plainPatch(patch)]));
      features.set(connection, [...(features.get(connection) ?? []), plain]);
      return made;
    });
    const stringify = vi.spyOn(JSON, "stringify");
    let now = 0;
    let fieldsStringified = 0;
    const period = () => {
      for (let i = 0; i < 3; i++) {
        world.step();
        stringify.mockClear();
        publisher.publish(world, readers.map((r) => r.connection), (now += 33));
        // Each movement fields object stringified once per tick, though bob's and dan's views (JSON, one phase) overlap.
        const movementFields = stringify.mock.calls.map(([value]) => value).filter((value) => typeof value === "object" && value !== null && "x" in value);
        expect(new Set(movementFields).size).toBe(movementFields.length);
        fieldsStringified += movementFields.length;
      }
    };
    try {
      period();
      // cat walks off: 70 m from ann (kept), then 75 m (leaves her view), then back to 30 m (enters again).
      for (const x of [220, 225, 180]) {
        place("cat", x, 0);
        period();
      }
    } finally {
      stringify.mockRestore();
    }
    // No connection's features were encoded from objects.
    expect(objectEncodes).not.toHaveBeenCalled();
    expect(fieldsStringified).toBeGreaterThan(0);
    for (const { connection, frames } of readers) {
      const made = features.get(connection)!;
      expect(made.length).toBe(frames.length);
      frames.forEach((frame, i) => {
        const { features: _features, ...header } = decode(frame).payload;
        const fromObjects = encodeSnapshotFrame(header, encodeSnapshotFeatures(made[i]!, connection.attachment.codec));
        expect(decode(frame), `${connection.playerId}'s snapshot ${i}`).toStrictEqual(decode(fromObjects));
      });
    }
    // The scenario did what it says: cat was in ann's view with all fields, kept at 70 m, removed at 75 m, back at 30 m.
    const ann = readers[0]!.frames.map(decode);
    const catId = ids[2]!;
    const catMoves = ann.map((s) => s.payload.features.movement?.set?.[catId]);
    const removedAt = ann.findIndex((s) => s.payload.features.movement?.remove?.includes(catId));
    expect(catMoves[0]).toEqual({ x: 210, y: 0, vx: 0, vy: 0 });
    expect(catMoves.slice(1, removedAt)).toContainEqual({ x: 220 });
    expect(removedAt).toBeGreaterThan(0);
    expect(ann[removedAt]!.payload.features.combat?.remove).toContain(catId);
    expect(ann[removedAt]!.payload.features.build_preview?.remove).toContain(catId);
    expect(catMoves.slice(removedAt + 1)).toContainEqual({ x: 180, y: 0, vx: 0, vy: 0 });
    const backAt = catMoves.findIndex((fields, i) => i > removedAt && fields?.vx !== undefined);
    expect(ann[backAt]!.payload.features.combat?.set?.[catId]).toMatchObject({ hp: 98, maxHp: 100, alive: true, kills: 2, deaths: 0 });
    // dan (50 m west of ann) keeps ann in view and gets her stamina's change each snapshot, in JSON.
    const dan = readers[3]!.frames.map(decode);
    expect(dan.at(-1)!.payload.features.combat?.set?.[ids[0]!]).toEqual({ stamina: world.tick % 50 });
  });

  it("decode to what the objects' encoding does for long maps and strings, wide records, and patches the compact forms cannot carry", () => {
    const header = { mode: "delta" as const, tick: 1, serverTime: 0, ackInputSeq: 0, inputQueue: 0 };
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [String(i + 1), { x: i - 150.25, y: 900, vx: -3.5, vy: 0 }]));
    const cases: Record<string, object> = {
      "300 wide movement records, a remove": { movement: { set: many, remove: ["400", "401"] } },
      "names past 31 bytes and beyond ASCII": {
        presence: { set: { "5": { kind: "player", name: "Ånn the very long-named wanderer of the plaza", playerId: "ann" } }, remove: ["6"] },
      },
      "a fractional hp (combat travels plain)": { combat: { set: { "2": { hp: 50.5 }, "3": { stamina: 12 } } } },
      "a removed id the compact form cannot carry": { combat: { set: { "3": { stamina: 12 } }, remove: ["70000"] } },
      "removes only": { movement: { remove: ["3"] }, combat: { remove: ["3"] } },
      nothing: {},
    };
    const assembler = new SnapshotAssembler();
    for (const [name, features] of Object.entries(cases)) {
      for (const codec of ["msgpack", "json"] as const) {
        assembler.nextTick();
        const encoded = assembler.encode(features, codec);
        const assembled = decodeServerMessage(encodeSnapshotFrame(header, encoded));
        expect(assembled, `${name} (${codec})`).toStrictEqual(decodeServerMessage(encodeSnapshotFrame(header, encodeSnapshotFeatures(features, codec))));
        // A frame written whole (the header, then the features after it) is those bytes exactly.
        expect(assembler.frame(header, features, codec), `${name} (${codec}), framed`).toStrictEqual(encodeSnapshotFrame(header, encoded));
      }
    }
  });
});

describe("rooms without a radius", () => {
  it("send each connection the bytes encoding its snapshot message whole would make, in both codecs", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const a = world.join("a", defaultCharacter("a", "A"), undefined, false);
    world.join("b", defaultCharacter("b", "B"), undefined, false);
    const channels: CollectedChannel[] = [
      { name: "presence", collect: () => collectPresence(world) },
      { name: "movement", collect: () => collectMovement(world) },
    ];
    const publisher = new SnapshotPublisher(channels);
    const readers = [reader("a", a.entityId, "msgpack", 0), reader("b", "2", "json", 0)];
    a.inputs.push([{ seq: 1, up: true, down: false, left: false, right: false }]);
    const sent: ServerMessage[] = [];
    for (let tick = 0; tick < 6; tick++) {
      world.step();
      if (world.tick % 3 !== 0) continue;
      publisher.publish(world, readers.map((r) => r.connection), tick * 33);
    }
    for (const { connection, frames } of readers) {
      expect(frames.length).toBe(2);
      for (const frame of frames) {
        const message = decodeServerMessage(frame) as SnapshotMessage;
        sent.push(message);
        // The logical message, encoded whole by the codec: the same bytes.
        const logical = { v: PROTOCOL_VERSION, kind: Kind.snapshot, payload: message.payload } as ServerMessage;
        const whole = encodeServerMessage(logical, connection.attachment.codec);
        expect(typeof whole === "string" ? whole : [...whole]).toEqual(typeof frame === "string" ? frame : [...frame]);
      }
    }
    expect(sent.some((m) => m.kind === Kind.snapshot && m.payload.features.movement?.set?.[a.entityId])).toBe(true);
  });
});
