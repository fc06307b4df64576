import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChatSendPayload } from "@edgehold/protocol";
import { ChatHistory } from "../src/features/chat/chat-history.ts";
import type { CommandOutcome } from "../src/features/room-context.ts";
import type { ConnectionHub } from "../src/room/connection-hub.ts";
import type { RoomFeatures } from "../src/room/room-features.ts";
import type { RoomWorld } from "../src/room/room-world.ts";
import { RowsWrittenCounter } from "../src/storage/rows-written.ts";
import { chatter, line, sayAcked } from "./support/chat-client.ts";
import { place, internalsOf } from "./support/room-internals.ts";
import { freshRoom } from "./support/test-client.ts";
import { createRoom } from "./support/room-api.ts";

/**
 * Runs one `chat.send` of `playerId` inside the room, as its connection's frame would, and counts the rows the room
 * wrote for it: nothing else runs in the room meanwhile (a Durable Object runs one thing at a time), so no
 * checkpoint or session row can slip into the count.
 */
async function rowsWrittenBy(room: string, playerId: string, payload: ChatSendPayload): Promise<{ outcome: CommandOutcome; rows: number }> {
  const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
  return runInDurableObject(stub, (instance) => {
    const { rowsWritten, features, world, hub } = internalsOf(instance);
    const before = rowsWritten.total;
    const { outcome } = features.dispatch({ feature: "chat", action: "send", payload } as never, world.players.get(playerId)!, hub.byPlayer.get(playerId)!);
    return { outcome: outcome as CommandOutcome, rows: rowsWritten.total - before };
  });
}

describe("chat history", () => {
  it("a newcomer gets the room-wide lines right after the welcome, also after a restart; nearby lines and whispers never", async () => {
    const room = await createRoom("ann");
    const ann = await chatter(room, "ann", "Ann");
    expect(ann.history).toEqual([]);
    const bob = await chatter(room, "bob", "Bob");
    await place(room, "ann", 0, 0);
    await place(room, "bob", 1, 0);
    await sayAcked(ann.client, "first");
    await sayAcked(bob.client, "/w ann a secret");
    await sayAcked(ann.client, "close by", "nearby");
    await sayAcked(bob.client, "/me nods");
    await sayAcked(ann.client, "last");
    await line(bob.client, (l) => l.text === "last");
    ann.client.close();
    bob.client.close();
    await ann.client.closed();
    await bob.client.closed();

    // Stored before anyone saw them: a restart at once keeps them.
    await abortAllDurableObjects();
    const cat = await chatter(room, "cat", "Cat");
    // The welcome, then the history: the first chat event after the welcome.
    const welcomeAt = cat.client.received.findIndex((m) => m.kind === "welcome");
    const historyAt = cat.client.received.findIndex((m) => m.kind === "event" && m.feature === "chat");
    expect(historyAt).toBeGreaterThan(welcomeAt);
    expect(cat.client.received[historyAt]).toMatchObject({ action: "history" });
    expect(cat.history.map(({ from, name, text, scope }) => ({ from, name, text, scope }))).toEqual([
      { from: "ann", name: "Ann", text: "first", scope: "room" },
      { from: "bob", name: "Bob", text: "nods", scope: "emote" },
      { from: "ann", name: "Ann", text: "last", scope: "room" },
    ]);
    // Ids keep increasing across the restart.
    await sayAcked(cat.client, "after restart");
    const after = await line(cat.client, (l) => l.text === "after restart");
    expect(after.id).toBeGreaterThan(cat.history.at(-1)!.id);
    cat.client.close();
  });

  it("keeps a bounded ring of rows: the last N lines, one row written per line", async () => {
    const room = freshRoom("history-ring");
    // The room's own SQLite (its chat tables exist once the room has started).
    const { client } = await chatter(room, "owner");
    client.close();
    const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
    const result = await runInDurableObject(stub, (_instance, state) => {
      const sql = new RowsWrittenCounter(state.storage.sql);
      const ring = new ChatHistory(sql, 3);
      for (let id = 1; id <= 7; id++) ring.append({ id: id * 10, from: "p", name: "P", text: `line ${id}`, scope: "room", at: id });
      const rows = sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM chat_history").one().n;
      const reread = new ChatHistory(sql, 3).messages().map((m) => m.text);
      return { rows, written: sql.total, reread };
    });
    expect(result).toEqual({ rows: 3, written: 7, reread: ["line 5", "line 6", "line 7"] });
  });

  it("keeps the room's last 50 lines: after 51, a newcomer gets lines 2..51, also after a restart", async () => {
    const room = freshRoom("history-50");
    // Eleven speakers, five lines each at most (the chat budget's burst), so no line is refused.
    const speakers = await Promise.all(Array.from({ length: 11 }, (_, i) => chatter(room, `speaker-${i}`)));
    for (let n = 1; n <= 51; n++) await sayAcked(speakers[Math.floor((n - 1) / 5)]!.client, `line ${n}`);
    const expected = Array.from({ length: 50 }, (_, i) => `line ${i + 2}`);
    const before = await chatter(room, "newcomer");
    expect(before.history.map((m) => m.text)).toEqual(expected);
    for (const { client } of [...speakers, before]) client.close();
    for (const { client } of [...speakers, before]) await client.closed();

    await abortAllDurableObjects();
    const after = await chatter(room, "late-newcomer");
    expect(after.history.map((m) => m.text)).toEqual(expected);
    after.client.close();
  });

  it("rows written per line: a room line writes one row, a nearby line and a whisper none", async () => {
    const room = await createRoom("ann");
    const ann = await chatter(room, "ann", "Ann");
    const bob = await chatter(room, "bob", "Bob");
    await place(room, "ann", 0, 0);
    await place(room, "bob", 1, 0);
    expect(await rowsWrittenBy(room, "ann", { text: "to the room" })).toEqual({ outcome: { ok: true }, rows: 1 });
    expect(await rowsWrittenBy(room, "ann", { text: "close by", scope: "nearby" })).toEqual({ outcome: { ok: true }, rows: 0 });
    expect(await rowsWrittenBy(room, "ann", { text: "/w bob psst" })).toEqual({ outcome: { ok: true }, rows: 0 });
    // Each was said: bob heard all three.
    for (const text of ["to the room", "close by", "psst"]) await line(bob.client, (l) => l.text === text);
    ann.client.close();
    bob.client.close();
  });
});
