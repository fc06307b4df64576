import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode, Kind } from "@edgehold/protocol";
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, freshRoom, held } from "./support/test-client.ts";

async function walk(room: string) {
  const { client, welcome } = await connect(room);
  client.sendInputs(held({ up: true, right: true }, 1, 12));
  const snapshot = await client.nextSnapshot((s) => s.payload.ackInputSeq === 12);
  const me = welcome.payload.entityId;
  const full = await (async () => {
    const seq = client.nextSeq();
    client.send({ v: 2, kind: "command", seq, feature: "session", action: "resync" });
    return client.nextSnapshot((s) => s.payload.mode === "full");
  })();
  expect(snapshot.payload.ackInputSeq).toBe(12);
  return { client, welcome, position: full.payload.features.movement!.set![me]! };
}

describe("resume", () => {
  it("restores the same player, position and input seq after a dropped socket", async () => {
    const room = freshRoom();
    const first = await walk(room);
    first.client.close(4999);
    await first.client.closed();

    const { client, welcome } = await connect(room, { resumeToken: first.welcome.payload.resumeToken });
    expect(welcome.payload).toMatchObject({ playerId: first.welcome.payload.playerId, resumed: true, lastInputSeq: 12 });
    expect(welcome.payload.resumeToken).not.toBe(first.welcome.payload.resumeToken);
    const full = await client.nextSnapshot();
    expect(full.payload.mode).toBe("full");
    expect(full.payload.ackInputSeq).toBe(12);
    expect(full.payload.features.movement!.set![welcome.payload.entityId]).toEqual(first.position);
    // Input numbering continues: seq 13 is applied, a replayed 12 is ignored.
    client.sendInputs(held({ up: true }, 12, 2));
    expect((await client.nextSnapshot((s) => s.payload.ackInputSeq >= 13)).payload.ackInputSeq).toBe(13);
    client.close();
  });

  it("restores position and input seq after the Durable Object restarts", async () => {
    const room = new ClockedRoom("resume");
    const { client, welcome } = await room.connect();
    client.sendInputs(held({ up: true, right: true }, 1, 12));
    await room.advance(600, { after: [client] });
    await client.nextSnapshot((s) => s.payload.ackInputSeq === 12);
    const seq = client.nextSeq();
    client.send({ v: 2, kind: "command", seq, feature: "session", action: "resync" });
    await room.advance(200, { after: [client] });
    const position = (await client.nextSnapshot((s) => s.payload.mode === "full")).payload.features.movement!.set![welcome.payload.entityId]!;
    // A second of the room's time: its periodic checkpoint runs. Then the object is killed without a goodbye.
    await room.advance(1000, { after: [client] });
    await abortAllDurableObjects();

    const again = await room.connect({ resumeToken: welcome.payload.resumeToken });
    expect(again.welcome.payload).toMatchObject({ playerId: welcome.payload.playerId, resumed: true, lastInputSeq: 12 });
    expect(again.welcome.payload.tick).toBeGreaterThan(0);
    await room.advance(200);
    const full = await again.client.nextSnapshot();
    expect(full.payload.features.movement!.set![again.welcome.payload.entityId]).toEqual(position);
    again.client.close();
  });

  it("rotates tokens: a used token cannot be used again", async () => {
    const room = freshRoom();
    const { client, welcome } = await connect(room);
    client.close();
    await client.closed();
    const second = await connect(room, { resumeToken: welcome.payload.resumeToken });
    expect(second.welcome.payload.resumed).toBe(true);
    second.client.close();
    await second.client.closed();
    const third = await connect(room, { resumeToken: welcome.payload.resumeToken });
    expect(third.welcome.payload.resumed).toBe(false);
    expect(third.welcome.payload.playerId).not.toBe(welcome.payload.playerId);
    const notice = await third.client.nextKind(Kind.error);
    expect(notice.payload.code).toBe(ErrorCode.resumeRejected);
    third.client.close();
  });

  it("does not honour a token in another room or for another player", async () => {
    const room = freshRoom();
    const { client, welcome } = await connect(room, { playerId: "alice" });
    client.close();
    await client.closed();
    const elsewhere = await connect(freshRoom(), { resumeToken: welcome.payload.resumeToken });
    expect(elsewhere.welcome.payload.resumed).toBe(false);
    elsewhere.client.close();
    const impostor = await connect(room, { playerId: "bob", resumeToken: welcome.payload.resumeToken });
    expect(impostor.welcome.payload).toMatchObject({ playerId: "bob", resumed: false });
    impostor.client.close();
  });

  it("replaces the first connection (4005) when the same player connects again", async () => {
    const room = freshRoom();
    const first = await connect(room, { playerId: "alice" });
    const watcher = await connect(room, { playerId: "watcher" });
    const second = await connect(room, { playerId: "alice" });
    expect((await first.client.closed()).code).toBe(4005);
    expect(second.welcome.payload.entityId).toBe(first.welcome.payload.entityId);
    second.client.sendInputs(held({ down: true }, 1, 3));
    await second.client.nextSnapshot((s) => s.payload.ackInputSeq === 3);
    // The watcher saw no leave for alice: she never left the world.
    await watcher.client.nextSnapshot();
    expect(watcher.client.received.some((m) => m.kind === Kind.event && m.action === "leave")).toBe(false);
    second.client.close();
    watcher.client.close();
  });
});
