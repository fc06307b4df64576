import { describe, expect, it } from "vitest";
import { createReplica, applySnapshot, Kind, type SnapshotMessage } from "@edgehold/protocol";
import { connect, freshRoom, held } from "./support/test-client.ts";

describe("a room session over a real WebSocket", () => {
  it("welcomes a player with the contract's fields", async () => {
    const room = freshRoom();
    const { client, welcome } = await connect(room, { playerId: "alice", name: "Alice" });
    expect(welcome.v).toBe(2);
    expect(welcome.payload).toMatchObject({
      roomCode: room,
      playerId: "alice",
      tickRate: 30,
      snapshotRate: 10,
      protocol: 2,
      resumed: false,
      lastInputSeq: 0,
    });
    expect(welcome.payload.resumeToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(welcome.payload.entityId).toMatch(/^\d+$/);
    expect(Math.abs(welcome.payload.serverTime - Date.now())).toBeLessThan(5000);
    client.close();
  });

  it("generates a player id when none is given", async () => {
    const { client, welcome } = await connect(freshRoom());
    expect(welcome.payload.playerId).toMatch(/^guest-[a-z0-9]{12}$/);
    client.close();
  });

  it("sends a full snapshot first, then deltas at about 10 per second", async () => {
    const { client, welcome } = await connect(freshRoom(), { playerId: "alice", name: "Alice" });
    const first = await client.nextSnapshot();
    expect(first.payload.mode).toBe("full");
    const me = welcome.payload.entityId;
    expect(first.payload.features.presence?.set?.[me]).toEqual({
      kind: "player",
      playerId: "alice",
      name: "Alice",
      connected: true,
      characterId: "default",
      characterClass: "warrior",
      color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      cosmetics: "",
    });
    expect(first.payload.features.movement?.set?.[me]).toMatchObject({ x: expect.any(Number), y: expect.any(Number), vx: 0, vy: 0 });

    // A client that reads says so (ackTick): one that does not would get a full every 2 s instead of deltas.
    const confirming = setInterval(() => client.ping(), 250);
    const start = Date.now();
    const ticks: number[] = [];
    while (Date.now() - start < 2000) {
      const snapshot = await client.nextSnapshot();
      expect(snapshot.payload.mode).toBe("delta");
      ticks.push(snapshot.payload.tick);
    }
    clearInterval(confirming);
    const perSecond = ticks.length / ((Date.now() - start) / 1000);
    expect(perSecond).toBeGreaterThan(7);
    expect(perSecond).toBeLessThan(13);
    // Every snapshot is 3 ticks after the previous one (30 Hz sim, 10 Hz snapshots).
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBe(3);
    client.close();
  });

  it("moves the player with inputs, acknowledged by ackInputSeq (no ack envelope per batch)", async () => {
    const { client, welcome } = await connect(freshRoom(), { playerId: "alice" });
    const first = await client.nextSnapshot();
    const me = welcome.payload.entityId;
    const startY = first.payload.features.movement!.set![me]!.y!;
    client.sendInputs(held({ up: true }, 1, 10));
    const replica = createReplica();
    applySnapshot(replica, first.payload);
    let last: SnapshotMessage;
    do {
      last = await client.nextSnapshot();
      applySnapshot(replica, last.payload);
    } while (last.payload.ackInputSeq < 10);
    expect(last.payload.ackInputSeq).toBe(10);
    expect(client.received.filter((m) => m.kind === Kind.ack)).toEqual([]);
    const moved = replica.get("movement")!.get(me)!;
    expect(moved.y as number).toBeGreaterThan(startY + 0.5);
    expect(moved.x).toBe(first.payload.features.movement!.set![me]!.x);
    // Nothing more queued: the player stays exactly where the 10th input left it.
    const still = await client.nextSnapshot();
    expect(still.payload.ackInputSeq).toBe(10);
    expect(still.payload.features.movement?.set?.[me]).toBeUndefined();
    client.close();
  });

  it("ignores stale and duplicate input seqs", async () => {
    const { client } = await connect(freshRoom(), { playerId: "alice" });
    client.sendInputs(held({ right: true }, 1, 5));
    await client.nextSnapshot((s) => s.payload.ackInputSeq === 5);
    client.sendInputs(held({ right: true }, 3, 3)); // 3, 4, 5 again
    client.sendInputs(held({ right: true }, 6, 1));
    const snapshot = await client.nextSnapshot((s) => s.payload.ackInputSeq >= 6);
    expect(snapshot.payload.ackInputSeq).toBe(6);
    const later = await client.nextSnapshot();
    expect(later.payload.ackInputSeq).toBe(6);
    client.close();
  });

  it("shows a second client the first one's movement through deltas, and join/leave events", async () => {
    const room = freshRoom();
    const a = await connect(room, { playerId: "alice", name: "Alice" });
    const b = await connect(room, { playerId: "bob", name: "Bob", codec: "json" });
    const joined = await a.client.next((m) => m.kind === Kind.event && m.action === "join");
    expect(joined.kind === Kind.event && joined.payload).toMatchObject({ playerId: "bob", name: "Bob", entityId: b.welcome.payload.entityId });

    const replica = createReplica();
    const full = await b.client.nextSnapshot();
    expect(full.payload.mode).toBe("full");
    applySnapshot(replica, full.payload);
    const alice = a.welcome.payload.entityId;
    expect(replica.get("presence")!.get(alice)).toMatchObject({ playerId: "alice", name: "Alice" });
    const startX = replica.get("movement")!.get(alice)!.x as number;

    a.client.sendInputs(held({ right: true }, 1, 15));
    let sawDelta = false;
    for (;;) {
      const s = await b.client.nextSnapshot();
      applySnapshot(replica, s.payload);
      if (s.payload.mode === "delta" && s.payload.features.movement?.set?.[alice]) sawDelta = true;
      if ((replica.get("movement")!.get(alice)!.x as number) > startX + 1) break;
    }
    expect(sawDelta).toBe(true);

    a.client.close();
    const left = await b.client.next((m) => m.kind === Kind.event && m.action === "leave");
    expect(left.kind === Kind.event && left.payload).toMatchObject({ playerId: "alice", entityId: alice });
    const afterLeave = await b.client.nextSnapshot((s) => s.payload.features.presence?.remove !== undefined);
    expect(afterLeave.payload.features.presence!.remove).toEqual([alice]);
    expect(afterLeave.payload.features.movement!.remove).toEqual([alice]);
    b.client.close();
  });

  it("answers ping with pong carrying the client time and server time", async () => {
    const { client } = await connect(freshRoom(), { playerId: "alice" });
    const seq = client.ping(987.25);
    const pong = await client.nextKind(Kind.pong);
    expect(pong.seq).toBe(seq);
    expect(pong.payload.clientTime).toBe(987.25);
    expect(Math.abs(pong.payload.serverTime - Date.now())).toBeLessThan(5000);
    client.close();
  });

  it("sends a full snapshot again after session.resync", async () => {
    const { client } = await connect(freshRoom(), { playerId: "alice" });
    await client.nextSnapshot((s) => s.payload.mode === "delta");
    const seq = client.nextSeq();
    client.send({ v: 2, kind: "command", seq, feature: "session", action: "resync" });
    expect((await client.nextKind(Kind.ack)).seq).toBe(seq);
    const full = await client.nextSnapshot((s) => s.payload.mode === "full");
    expect(full.payload.features.presence?.set).toBeDefined();
    client.close();
  });
});
