import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ChatHistory } from "../src/features/chat/chat-history.ts";
import { RowsWrittenCounter } from "../src/storage/rows-written.ts";
import { chatter, line, sayAcked } from "./support/chat-client.ts";
import { place, restartRoom } from "./support/room-internals.ts";
import { freshRoom } from "./support/test-client.ts";

describe("chat history", () => {
  it("a newcomer gets the room-wide lines right after the welcome, also after a restart; nearby lines and whispers never", async () => {
    const room = freshRoom("history");
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
    await restartRoom(room);
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
});
