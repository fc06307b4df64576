import { describe, expect, it } from "vitest";
import { encodeMsgpack, ErrorCode, Kind, MAX_FRAME_BYTES, type ErrorMessage } from "@edgehold/protocol";
import { connect, freshRoom, held } from "./support/test-client.ts";

function nextError(client: Awaited<ReturnType<typeof connect>>["client"]): Promise<ErrorMessage> {
  return client.nextKind(Kind.error) as Promise<ErrorMessage>;
}

describe("malformed frames", () => {
  it("each gets its specific error code while the socket and the room keep working for everyone", async () => {
    const room = freshRoom();
    const { client: bad } = await connect(room, { playerId: "mallory" });
    const { client: good, welcome } = await connect(room, { playerId: "alice" });

    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) & 0xff);
    const randomBytes = new Uint8Array(64).map(() => random());
    randomBytes[0] = 0xc1; // never valid msgpack

    const cases: Array<[string, string | Uint8Array, ErrorCode]> = [
      ["random bytes", randomBytes, ErrorCode.malformedFrame],
      ["truncated msgpack", encodeMsgpack({ v: 2, kind: "ping", seq: 1 }).subarray(0, 5), ErrorCode.malformedFrame],
      ["invalid JSON text", "{not json", ErrorCode.malformedFrame],
      ["an array envelope", encodeMsgpack([1, 2, 3]), ErrorCode.badEnvelope],
      ["wrong version", encodeMsgpack({ v: 1, kind: "ping", seq: 1 }), ErrorCode.unsupportedVersion],
      ["string seq", encodeMsgpack({ v: 2, kind: "ping", seq: "1" }), ErrorCode.badEnvelope],
      ["server kind", encodeMsgpack({ v: 2, kind: "welcome", seq: 1 }), ErrorCode.unknownKind],
      ["unknown feature", encodeMsgpack({ v: 2, kind: "command", seq: 1, feature: "teleport", action: "go" }), ErrorCode.unknownFeature],
      ["unknown action", encodeMsgpack({ v: 2, kind: "command", seq: 1, feature: "movement", action: "fly" }), ErrorCode.unknownAction],
      [
        "wrong input types",
        encodeMsgpack({ v: 2, kind: "command", seq: 1, feature: "movement", action: "input_batch", payload: { inputs: [{ seq: 1, up: 1, down: false, left: false, right: false }] } }),
        ErrorCode.invalidPayload,
      ],
      [
        "too many inputs",
        encodeMsgpack({ v: 2, kind: "command", seq: 1, feature: "movement", action: "input_batch", payload: { inputs: held({}, 1, 17) } }),
        ErrorCode.invalidPayload,
      ],
      ["an unknown top-level key", encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: 1, pad: "x" }), ErrorCode.badEnvelope],
      ["oversized binary", new Uint8Array(MAX_FRAME_BYTES + 1), ErrorCode.frameTooLarge],
      ["oversized text", "x".repeat(MAX_FRAME_BYTES + 1), ErrorCode.frameTooLarge],
    ];
    for (const [what, frame, code] of cases) {
      bad.sendRaw(frame);
      const error = await nextError(bad);
      expect(error.payload.code, what).toBe(code);
      expect(error.payload.message.length, what).toBeGreaterThan(0);
    }
    expect(bad.closeEvent).toBeUndefined();

    // The misbehaving socket still works...
    const seq = bad.ping();
    expect((await bad.nextKind(Kind.pong)).seq).toBe(seq);
    // ...and so does everyone else: alice moves and the room keeps ticking.
    good.sendInputs(held({ up: true }, 1, 6));
    const snapshot = await good.nextSnapshot((s) => s.payload.ackInputSeq === 6);
    expect(snapshot.payload.features.movement?.set?.[welcome.payload.entityId]).toBeDefined();
    bad.close();
    good.close();
  });

  it("names the seq of a rejected command and rejects a replayed seq", async () => {
    const { client } = await connect(freshRoom(), { playerId: "alice" });
    client.send({ v: 2, kind: "command", seq: 7, feature: "movement", action: "input_batch", payload: { inputs: held({ up: true }, 1, 1) } });
    // An accepted batch is acknowledged by the snapshots' ackInputSeq, not by an ack envelope.
    await client.nextSnapshot((s) => s.payload.ackInputSeq === 1);
    client.sendRaw(encodeMsgpack({ v: 2, kind: "command", seq: 8, feature: "movement", action: "input_batch", payload: { inputs: [] } }));
    const invalid = await nextError(client);
    expect(invalid.payload).toMatchObject({ code: ErrorCode.invalidPayload, seq: 8 });
    client.send({ v: 2, kind: "ping", seq: 7, clientTime: 1 });
    const stale = await nextError(client);
    expect(stale.payload).toMatchObject({ code: ErrorCode.staleSeq, seq: 7 });
    client.close();
  });

  it("closes with 4002 after repeated bad frames, and the room keeps running", async () => {
    const room = freshRoom();
    const { client: bad } = await connect(room, { playerId: "mallory" });
    const { client: good } = await connect(room, { playerId: "alice" });
    for (let i = 0; i < 25; i++) bad.sendRaw("garbage");
    const closed = await bad.closed();
    expect(closed.code).toBe(4002);
    good.sendInputs(held({ left: true }, 1, 3));
    await good.nextSnapshot((s) => s.payload.ackInputSeq === 3);
    good.close();
  });

  it("rate-limits a flood with rate_limited errors and closes a sustained one with 4008", async () => {
    const { client } = await connect(freshRoom(), { playerId: "flood" });
    for (let i = 0; i < 200; i++) client.ping(i);
    const error = await client.next((m) => m.kind === Kind.error && m.payload.code === ErrorCode.rateLimited);
    expect(error.kind).toBe(Kind.error);
    expect((await client.closed()).code).toBe(4008);
  });

  it("closes with 1009 on a frame far over the limit", async () => {
    const { client } = await connect(freshRoom(), { playerId: "big" });
    client.sendRaw(new Uint8Array(100 * 1024));
    expect((await client.closed()).code).toBe(1009);
  });
});
