import { abortAllDurableObjects, env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode, MuteReason } from "@edgehold/protocol";
import { ModerationStore } from "../src/features/chat/moderation-store.ts";
import { RowsWrittenCounter } from "../src/storage/rows-written.ts";
import { chatter, line, linesUntilMarker, sayAcked, sayRefused, system } from "./support/chat-client.ts";
import { freshRoom } from "./support/test-client.ts";
import { createRoom } from "./support/room-api.ts";

/** A join attempt's close (a refused join is upgraded only to be closed with a code and reason). */
async function refusedJoin(room: string, playerId: string): Promise<{ code: number; reason: string }> {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?playerId=${playerId}`, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket!;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })));
  const welcomed = new Promise<string>((resolve) => socket.addEventListener("message", () => resolve("message")));
  socket.accept();
  const first = await Promise.race([closed, welcomed]);
  if (typeof first === "string") throw new Error(`${playerId} was admitted`);
  return first;
}

describe("moderation", () => {
  it("/mute: the muted player's lines get `muted` with the seconds left and reach nobody; it survives a restart; /unmute lifts it", async () => {
    const room = await createRoom("olga");
    const olga = await chatter(room, "olga", "Olga");
    const pat = await chatter(room, "pat", "Pat");
    await sayAcked(olga.client, "/mute pat 5");
    expect(await system(olga.client, (s) => s.text.includes("muted"))).toMatchObject({ text: "Pat is muted for 5 minutes." });
    expect(await system(pat.client, (s) => s.mute !== undefined)).toEqual({
      text: "You are muted by the room owner for 5 minutes.",
      mute: { secondsLeft: 300, until: expect.any(Number), reason: "owner" },
    });
    const since = olga.client.received.length;
    const muted = await sayRefused(pat.client, "let me talk");
    expect(muted).toMatchObject({ code: ErrorCode.muted, secondsLeft: expect.any(Number) });
    expect(muted.secondsLeft).toBeGreaterThan(295);
    expect(muted.secondsLeft).toBeLessThanOrEqual(300);
    expect(await sayRefused(pat.client, "/w olga psst")).toMatchObject({ code: ErrorCode.muted });
    expect(await sayRefused(pat.client, "/me sulks")).toMatchObject({ code: ErrorCode.muted });
    expect(await linesUntilMarker(olga.client, since, olga.client)).toEqual([]);
    // A muted player is still in /who, marked.
    await sayAcked(olga.client, "/who");
    expect((await system(olga.client, (s) => s.who !== undefined)).who!.find((p) => p.playerId === "pat")).toMatchObject({ muted: true });
    olga.client.close();
    pat.client.close();
    await olga.client.closed();
    await pat.client.closed();

    await abortAllDurableObjects();
    const back = await chatter(room, "pat", "Pat");
    // Told on join, for the page's muted indicator.
    expect(await system(back.client, (s) => s.mute !== undefined)).toMatchObject({ mute: { reason: "owner", secondsLeft: expect.any(Number) } });
    expect(await sayRefused(back.client, "still muted?")).toMatchObject({ code: ErrorCode.muted });
    const owner = await chatter(room, "olga", "Olga");
    await sayAcked(owner.client, "/unmute PAT");
    expect(await system(back.client, (s) => s.mute?.secondsLeft === 0)).toEqual({ text: "You may chat again.", mute: { secondsLeft: 0, until: 0 } });
    await sayAcked(back.client, "thanks");
    expect(await line(owner.client, (l) => l.text === "thanks")).toMatchObject({ from: "pat" });
    back.client.close();
    owner.client.close();
  });

  it("mutes that ran out are deleted when the room starts: the table keeps only lasting ones", async () => {
    const room = freshRoom("mod-expiry");
    // The room's own SQLite (its chat tables exist once the room has started).
    const { client } = await chatter(room, "olga");
    client.close();
    const result = await runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_instance, state) => {
      const sql = new RowsWrittenCounter(state.storage.sql);
      const now = 1_000_000;
      const store = new ModerationStore(sql, now);
      store.mute({ playerId: "brief", name: "Brief", until: now + 1_000, reason: MuteReason.flood });
      store.mute({ playerId: "ends-now", name: "Ends Now", until: now + 5_000, reason: MuteReason.owner });
      store.mute({ playerId: "long", name: "Long", until: now + 60_000, reason: MuteReason.owner });
      const written = sql.total;
      // The room starts again 5 s later.
      const later = new ModerationStore(sql, now + 5_000);
      const rows = sql.exec<{ player_id: string }>("SELECT player_id FROM chat_mutes ORDER BY player_id").toArray().map((r) => r.player_id);
      return { deleted: sql.total - written, rows, active: later.activeMutes(now + 5_000).map((m) => m.playerId) };
    });
    expect(result).toEqual({ deleted: 2, rows: ["long"], active: ["long"] });
  });

  it("/unmute also finds a muted player who left", async () => {
    const room = await createRoom("olga");
    const olga = await chatter(room, "olga", "Olga");
    const pat = await chatter(room, "pat", "Pat");
    await sayAcked(olga.client, "/mute pat");
    pat.client.close();
    await pat.client.closed();
    await sayAcked(olga.client, "/unmute pat");
    expect(await system(olga.client, (s) => s.text === "Pat may chat again.")).toBeTruthy();
    const back = await chatter(room, "pat", "Pat");
    await sayAcked(back.client, "free");
    olga.client.close();
    back.client.close();
  });

  it("/kick closes the player 4004 with the reason; they may come back", async () => {
    const room = await createRoom("olga");
    const olga = await chatter(room, "olga", "Olga");
    const pat = await chatter(room, "pat", "Pat");
    await sayAcked(olga.client, "/kick pat");
    expect(await pat.client.closed()).toEqual({ code: 4004, reason: "kicked by the room owner" });
    expect(await system(olga.client, (s) => s.text === "Pat was kicked.")).toBeTruthy();
    const back = await chatter(room, "pat", "Pat");
    await sayAcked(back.client, "I'm back");
    olga.client.close();
    back.client.close();
  });

  it("/ban closes 4004 and refuses every later join, also after a restart; /unban lets them in again", async () => {
    const room = await createRoom("olga");
    const olga = await chatter(room, "olga", "Olga");
    const pat = await chatter(room, "pat", "Pat");
    await sayAcked(olga.client, "/ban pat");
    expect(await pat.client.closed()).toEqual({ code: 4004, reason: "banned from this room by its owner" });
    expect(await refusedJoin(room, "pat")).toEqual({ code: 4004, reason: "banned from this room by its owner" });
    olga.client.close();
    await olga.client.closed();

    await abortAllDurableObjects();
    expect(await refusedJoin(room, "pat")).toEqual({ code: 4004, reason: "banned from this room by its owner" });
    const owner = await chatter(room, "olga", "Olga");
    // Pat is not in the room: /unban finds them on the ban list.
    await sayAcked(owner.client, "/unban pat");
    const back = await chatter(room, "pat", "Pat");
    await sayAcked(back.client, "hello again");
    owner.client.close();
    back.client.close();
  });

  it("the profanity filter masks with * for everyone (whispers too); the owner's /filter off turns it off, and it stays off", async () => {
    const room = await createRoom("olga");
    const olga = await chatter(room, "olga", "Olga");
    const pat = await chatter(room, "pat", "Pat");
    await sayAcked(pat.client, "what the fuck, Scunthorpe");
    for (const { client } of [olga, pat]) expect((await line(client, (l) => l.from === "pat")).text).toBe("what the ****, Scunthorpe");
    await sayAcked(pat.client, "/w olga sh1t");
    expect((await line(olga.client, (l) => l.scope === "whisper")).text).toBe("****");
    expect(await sayRefused(pat.client, "/filter off")).toMatchObject({ code: ErrorCode.forbidden });

    await sayAcked(olga.client, "/filter off");
    expect(await system(olga.client, (s) => s.filter !== undefined)).toEqual({ text: "The profanity filter is off now.", filter: false });
    await sayAcked(pat.client, "fuck yes");
    expect((await line(olga.client, (l) => l.text.startsWith("fuck"))).text).toBe("fuck yes");
    olga.client.close();
    pat.client.close();
    await olga.client.closed();
    await pat.client.closed();

    await abortAllDurableObjects();
    const again = await chatter(room, "olga", "Olga");
    await sayAcked(again.client, "/filter");
    expect(await system(again.client, (s) => s.filter !== undefined)).toEqual({ text: "The profanity filter is off.", filter: false });
    await sayAcked(again.client, "/filter on");
    await sayAcked(again.client, "damn fuck");
    expect((await line(again.client, (l) => l.from === "olga")).text).toMatch(/\*\*\*\*/);
    again.client.close();
  });
});
