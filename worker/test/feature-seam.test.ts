import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { createProtocol, encodeMsgpack, ErrorCode, FEATURES, Kind, type ErrorMessage, type ServerMessage, type WelcomeMessage } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { toRoomRequest } from "../src/room/join-request.ts";
import { counterFeature } from "./support/counter-feature.ts";
import { connect, freshRoom, TestClient } from "./support/test-client.ts";

/**
 * The feature seam, end to end: a `counter` feature defined only in test code (support/counter-feature.ts) runs in
 * a room (support/test-worker.ts adds it to the registry's list) without any other file knowing it. A client built
 * with createProtocol([...FEATURES, counterFeature]) decodes its channel and events.
 */
const protocol = createProtocol([...FEATURES, counterFeature]);
type CounterEvent = { kind: "event"; feature: "counter"; action: "bumped"; payload: { playerId: string; by: number; count: number } };
type CounterSnapshot = { kind: "snapshot"; payload: { features: { counter?: { set?: Record<string, { count?: number }> } } } };

async function connectCounterRoom(room: string, playerId: string): Promise<{ client: TestClient; welcome: WelcomeMessage }> {
  const rooms = (env as unknown as { COUNTER_ROOMS: DurableObjectNamespace }).COUNTER_ROOMS;
  const request = toRoomRequest({ roomCode: room, playerId, name: undefined, resumeToken: undefined, codec: "msgpack", session: undefined });
  const response = await rooms.get(rooms.idFromName(room)).fetch(request);
  const socket = response.webSocket;
  if (response.status !== 101 || !socket) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  socket.accept();
  const client = new TestClient(socket, "msgpack", (frame) => protocol.decodeServerMessage(frame) as ServerMessage);
  return { client, welcome: await client.nextKind(Kind.welcome) };
}

function bump(client: TestClient, by: unknown): number {
  const seq = client.nextSeq();
  client.sendRaw(encodeMsgpack({ v: 2, kind: "command", seq, feature: "counter", action: "bump", payload: { by } }));
  return seq;
}

const counterOf = (snapshot: ServerMessage, entityId: string) => (snapshot as unknown as CounterSnapshot).payload.features.counter?.set?.[entityId]?.count;

describe("feature seam: a feature defined only in test code", () => {
  it("command over a real socket → state → channel in the next snapshot, and an event to everyone", async () => {
    const room = freshRoom("seam");
    const alice = await connectCounterRoom(room, "seam-alice");
    const bob = await connectCounterRoom(room, "seam-bob");
    const aliceEntity = alice.welcome.payload.entityId;
    // The channel is in the full snapshot from the start, with the count the feature's collector reports.
    expect(counterOf(await bob.client.nextSnapshot((s) => s.payload.mode === "full"), aliceEntity)).toBe(0);

    const seq = bump(alice.client, 3);
    expect((await alice.client.next((m) => m.kind === Kind.ack && m.seq === seq, 3000, "bump ack")).kind).toBe(Kind.ack);
    const bumped = (await bob.client.next((m) => m.kind === Kind.event && (m.feature as string) === "counter", 3000, "counter.bumped")) as unknown as CounterEvent;
    expect(bumped.payload).toEqual({ playerId: "seam-alice", by: 3, count: 3 });
    const snapshot = await bob.client.nextSnapshot((s) => counterOf(s, aliceEntity) !== undefined);
    expect(snapshot.payload.mode).toBe("delta");
    expect(counterOf(snapshot, aliceEntity)).toBe(3);

    // Its payload validator is the protocol's boundary: a bad bump is refused with the command's seq.
    const badSeq = bump(alice.client, 99);
    const invalid = (await alice.client.next((m) => m.kind === Kind.error && m.seq === badSeq, 3000, "invalid bump")) as ErrorMessage;
    expect(invalid.payload).toMatchObject({ code: ErrorCode.invalidPayload, seq: badSeq });
    alice.client.close();
    bob.client.close();
  });

  it("per-action rate limits from the room context: the 6th bump within a second is refused", async () => {
    const { client } = await connectCounterRoom(freshRoom("seam"), "seam-carol");
    const seqs = Array.from({ length: 6 }, () => bump(client, 1));
    for (const seq of seqs.slice(0, 5)) await client.next((m) => m.kind === Kind.ack && m.seq === seq, 3000, `ack ${seq}`);
    const limited = (await client.next((m) => m.kind === Kind.error && m.seq === seqs[5], 3000, "rate_limited")) as ErrorMessage;
    expect(limited.payload.code).toBe(ErrorCode.rateLimited);
    client.close();
  });

  it("its migrations, state and checkpoint hook: a count survives a restart of the room", async () => {
    const room = freshRoom("seam");
    const first = await connectCounterRoom(room, "seam-erin");
    const seq = bump(first.client, 4);
    await first.client.next((m) => m.kind === Kind.ack && m.seq === seq, 3000, "bump ack");
    const rooms = (env as unknown as { COUNTER_ROOMS: DurableObjectNamespace }).COUNTER_ROOMS;
    // The room checkpoints about once a second; the feature's hook writes its table then.
    await expect
      .poll(() => runInDurableObject(rooms.get(rooms.idFromName(room)), (_, state) => state.storage.sql.exec("SELECT count FROM counter_counts").toArray()), { timeout: 3000 })
      .toEqual([{ count: 4 }]);
    first.client.close();
    await first.client.closed();
    await abortAllDurableObjects();
    const again = await connectCounterRoom(room, "seam-erin");
    const full = await again.client.nextSnapshot((s) => s.payload.mode === "full");
    expect(counterOf(full, again.welcome.payload.entityId)).toBe(4);
    again.client.close();
  });

  it("its input field rides movement's input batch: parsed by the room's composed validator, applied at the input's step", async () => {
    const room = freshRoom("seam");
    const { client, welcome } = await connectCounterRoom(room, "seam-frank");
    const startX = (await client.nextSnapshot((s) => s.payload.mode === "full")).payload.features.movement?.set?.[welcome.payload.entityId]?.x ?? NaN;
    const step = (seq: number, tap?: unknown) => ({ seq, up: false, down: false, left: false, right: true, ...(tap === undefined ? {} : { tap }) });
    client.sendRaw(encodeMsgpack({ v: 2, kind: "command", seq: client.nextSeq(), feature: "movement", action: "input_batch", payload: { inputs: [step(1, true), step(2), step(3, true)] } }));
    const tapped = await client.nextSnapshot((s) => counterOf(s, welcome.payload.entityId) === 2 && s.payload.ackInputSeq >= 3);
    // The same inputs moved the body: movement's fields and the test feature's travel side by side.
    expect(tapped.payload.features.movement?.set?.[welcome.payload.entityId]?.x).toBeGreaterThan(startX);
    // Its parser is the boundary for its field, named by the input that carries it.
    const badSeq = client.nextSeq();
    client.sendRaw(encodeMsgpack({ v: 2, kind: "command", seq: badSeq, feature: "movement", action: "input_batch", payload: { inputs: [step(4, "yes")] } }));
    const invalid = (await client.next((m) => m.kind === Kind.error && m.seq === badSeq, 3000, "invalid tap")) as ErrorMessage;
    expect(invalid.payload).toMatchObject({ code: ErrorCode.invalidPayload, message: "payload.inputs[0].tap must be a boolean" });
    client.close();
  });

  it("a room without the feature does not know its command", async () => {
    const { client } = await connect(freshRoom("seam"), { playerId: "seam-dave" });
    const seq = bump(client, 1);
    const unknown = (await client.next((m) => m.kind === Kind.error && m.seq === seq, 3000, "unknown feature")) as ErrorMessage;
    expect(unknown.payload.code).toBe(ErrorCode.unknownFeature);
    // Nor its input field: dropped like any unknown key, the input itself applied.
    client.sendInputs([{ seq: 1, up: false, down: false, left: false, right: true, tap: "yes" } as never]);
    await client.nextSnapshot((s) => s.payload.ackInputSeq >= 1);
    expect(client.received.filter((m) => m.kind === Kind.error)).toHaveLength(1);
    client.close();
  });
});
