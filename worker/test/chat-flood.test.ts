import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode, Kind, type ErrorPayload } from "@edgehold/protocol";
import { describeSeconds } from "../src/features/chat/chat-room.ts";
import { FLOOD_CLOSE_STRIKES, FLOOD_STRIKES } from "../src/room/flood-escalation.ts";
import { chatter, line, refused, say, sayAcked, sayRefused, system } from "./support/chat-client.ts";
import { freshRoom } from "./support/test-client.ts";

describe("per-action limits with escalation", () => {
  it("a flooding talker gets rate_limited, then an automatic 60 s mute, then a 4008 close (never 4002), while another player keeps 10 snapshots/s and chats on", async () => {
    const room = freshRoom("flood");
    const flooder = await chatter(room, "flooder", "Flo");
    const watcher = await chatter(room, "watcher", "Wat");
    const listener = await chatter(room, "listener", "Lis");

    const snapshotTimes: number[] = [];
    const start = Date.now();
    const seen = watcher.client.received.length;
    // Keep the watcher's connection alive (idle timeout is 3 s in tests) and time its snapshots.
    const pinger = setInterval(() => watcher.client.ping(), 500);
    watcher.client.socket.addEventListener("message", () => {
      const last = watcher.client.received.at(-1);
      if (last?.kind === Kind.snapshot) snapshotTimes.push(Date.now());
    });

    // 10 lines a second: the first 5 fit the chat budget, the rest are refused.
    let sent = 0;
    const flood = setInterval(() => {
      if (!flooder.client.closeEvent) say(flooder.client, `spam ${sent++}`);
    }, 100);
    try {
      // The watcher's own line goes through during the flood, to everyone.
      await new Promise((r) => setTimeout(r, 1500));
      await sayAcked(watcher.client, "can anyone hear me?");
      expect(await line(listener.client, (l) => l.text === "can anyone hear me?")).toMatchObject({ from: "watcher" });

      const closed = await flooder.client.closed(15_000);
      const end = Date.now();
      expect(closed).toEqual({ code: 4008, reason: "kept flooding after an automatic mute" });

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

      // The watcher's snapshot stream through the whole flood: ~10 per second.
      const during = snapshotTimes.filter((t) => t >= start && t <= end);
      const perSecond = (during.length - 1) / ((during.at(-1)! - during[0]!) / 1000);
      expect(perSecond).toBeGreaterThanOrEqual(9.5);
      expect(watcher.client.closeEvent).toBeUndefined();
    } finally {
      clearInterval(flood);
      clearInterval(pinger);
      watcher.client.close();
      listener.client.close();
    }
  }, 30_000);

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
