import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode, Kind, type ErrorPayload, type SnapshotMessage } from "@edgehold/protocol";
import { describeSeconds } from "../src/features/chat/chat-room.ts";
import { FLOOD_CLOSE_STRIKES, FLOOD_STRIKES } from "../src/room/flood-escalation.ts";
import { chatter, line, refused, say, sayAcked, sayRefused, system } from "./support/chat-client.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { freshRoom } from "./support/test-client.ts";

describe("per-action limits with escalation", () => {
  it("a flooding talker gets rate_limited, then an automatic 60 s mute, then a 4008 close (never 4002), while another player keeps 10 snapshots/s and chats on", async () => {
    const room = new ClockedRoom("flood");
    const flooder = await chatter(room.code, "flooder", "Flo");
    const watcher = await chatter(room.code, "watcher", "Wat");
    const listener = await chatter(room.code, "listener", "Lis");
    const seen = watcher.client.received.length;
    const start = await room.now();

    // 10 lines a second of the room's time: the first 5 fit the chat budget, the rest are refused. The watcher and
    // the listener are heard every tenth of a second (their round trips), so neither goes idle.
    let end: number | undefined;
    for (let sent = 0; end === undefined && sent < 100; sent++) {
      const seq = say(flooder.client, `spam ${sent}`);
      await flooder.client.until(() => flooder.client.closeEvent ?? flooder.client.received.some((m) => (m.kind === Kind.ack || m.kind === Kind.error) && m.seq === seq), `the answer to line ${sent}`);
      if (flooder.client.closeEvent) end = await room.now();
      // The watcher's own line goes through during the flood (after 1.5 s of it), to everyone.
      if (sent === 15) {
        await sayAcked(watcher.client, "can anyone hear me?");
        expect(await line(listener.client, (l) => l.text === "can anyone hear me?")).toMatchObject({ from: "watcher" });
      }
      await room.advance(100, { after: [watcher.client, listener.client] });
    }
    expect(flooder.client.closeEvent).toEqual({ code: 4008, reason: "kept flooding after an automatic mute" });

    const errors = flooder.client.received.filter((m) => m.kind === Kind.error).map((m) => m.payload as ErrorPayload);
    const limited = errors.filter((e) => e.code === ErrorCode.rateLimited);
    expect(limited[0]).toMatchObject({ action: "chat", secondsLeft: 2, message: "chat: at most 5 lines per 10 seconds" });
    // The last refusal is answered by the close itself.
    expect(limited.length).toBe(FLOOD_STRIKES + FLOOD_CLOSE_STRIKES - 1);
    expect(errors.every((e) => e.code === ErrorCode.rateLimited || e.code === ErrorCode.muted)).toBe(true);
    // Told of the mute when it came: after the FLOOD_STRIKES-th refusal.
    const mute = await system(flooder.client, (s) => s.mute !== undefined);
    expect(mute).toMatchObject({ text: "You are muted for flooding for 1 minute.", mute: { reason: "flood", secondsLeft: 60 } });
    const muteAt = flooder.client.received.findIndex((m) => m.kind === Kind.event && m.action === "system");
    const refusalsBeforeMute = flooder.client.received.slice(0, muteAt).filter((m) => m.kind === Kind.error && m.payload.code === ErrorCode.rateLimited);
    expect(refusalsBeforeMute.length).toBe(FLOOD_STRIKES - 1);
    // Nobody else saw more than the lines that fit the budget.
    const spamSeen = watcher.client.received.slice(seen).filter((m) => m.kind === Kind.event && m.action === "message" && (m.payload as { from: string }).from === "flooder");
    expect(spamSeen.length).toBeLessThanOrEqual(6);

    // The watcher's snapshot stream through the whole flood, by the room's clock: one every tenth of a second.
    const during = watcher.client.received.filter((m): m is SnapshotMessage => m.kind === Kind.snapshot && m.payload.serverTime >= start && m.payload.serverTime <= end!);
    const perSecond = (during.length - 1) / ((during.at(-1)!.payload.serverTime - during[0]!.payload.serverTime) / 1000);
    expect(perSecond).toBeGreaterThanOrEqual(9.5);
    expect(watcher.client.closeEvent).toBeUndefined();
    watcher.client.close();
    listener.client.close();
  });

  it("a burst within the limits is never refused: 5 lines at once", async () => {
    const room = freshRoom("flood");
    const talker = await chatter(room, "talker");
    const seqs = [1, 2, 3, 4, 5].map((i) => say(talker.client, `line ${i}`));
    for (const seq of seqs) {
      const answer = await talker.client.next((m) => (m.kind === Kind.ack || m.kind === Kind.error) && m.seq === seq);
      expect(answer.kind).toBe(Kind.ack);
    }
    talker.client.close();
  });

  it("the automatic mute is stored: it survives a restart of the room, and the flooder is told again on joining", async () => {
    const room = freshRoom("flood");
    const flooder = await chatter(room, "flooder", "Flo");
    // 5 lines fit the budget; the next FLOOD_STRIKES are refused, and the last of those brings the mute.
    const seqs = Array.from({ length: 5 + FLOOD_STRIKES }, (_, i) => say(flooder.client, `spam ${i}`));
    expect(await refused(flooder.client, seqs.at(-1)!)).toMatchObject({ code: ErrorCode.rateLimited, action: "chat" });
    expect(await system(flooder.client, (s) => s.mute !== undefined)).toMatchObject({ mute: { reason: "flood", secondsLeft: 60 } });
    flooder.client.close();
    await flooder.client.closed();

    await abortAllDurableObjects();
    const back = await chatter(room, "flooder", "Flo");
    const told = await system(back.client, (s) => s.mute !== undefined);
    expect(told).toEqual({ text: `You are muted for flooding for ${describeSeconds(told.mute!.secondsLeft)}.`, mute: { reason: "flood", secondsLeft: expect.any(Number), until: expect.any(Number) } });
    expect(told.mute!.secondsLeft).toBeGreaterThan(0);
    expect(told.mute!.secondsLeft).toBeLessThanOrEqual(60);
    // Their budget is new (the room restarted), so the line is spent and refused for the mute alone.
    const muted = await sayRefused(back.client, "am I still muted?");
    expect(muted).toMatchObject({ code: ErrorCode.muted, message: expect.stringMatching(/^You are muted for flooding for /) });
    expect(muted.secondsLeft).toBeGreaterThanOrEqual(told.mute!.secondsLeft - 1);
    expect(muted.secondsLeft).toBeLessThanOrEqual(told.mute!.secondsLeft);
    back.client.close();
  });
});
