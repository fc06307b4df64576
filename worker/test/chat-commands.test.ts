import { describe, expect, it } from "vitest";
import { ErrorCode } from "@edgehold/protocol";
import { chatter, emote, emotesOf, line, linesUntilMarker, sayAcked, sayRefused, system } from "./support/chat-client.ts";
import { createRoom } from "./support/room-api.ts";

/** A room Olga created (she owns it), with Pat and Quinn in it. */
async function room3() {
  const room = await createRoom("olga");
  const olga = await chatter(room, "olga", "Olga");
  const pat = await chatter(room, "pat", "Pat");
  const quinn = await chatter(room, "quinn", "Quinn");
  return { room, olga, pat, quinn, all: [olga, pat, quinn], close: () => [olga, pat, quinn].forEach((p) => p.client.close()) };
}

describe("slash commands", () => {
  it("/who answers the sender alone with the players as a list (owner and muted marked)", async () => {
    const r = await room3();
    const since = r.quinn.client.received.length;
    await sayAcked(r.pat.client, "/who");
    const who = await system(r.pat.client, (s) => s.who !== undefined);
    expect(who.text).toBe("3 players here: Olga (owner), Pat, Quinn");
    expect(who.who).toEqual([
      { playerId: "olga", entity: r.olga.entityId, name: "Olga", owner: true, muted: false },
      { playerId: "pat", entity: r.pat.entityId, name: "Pat", owner: false, muted: false },
      { playerId: "quinn", entity: r.quinn.entityId, name: "Quinn", owner: false, muted: false },
    ]);
    await linesUntilMarker(r.quinn.client, since, r.olga.client);
    expect(r.quinn.client.received.slice(since).some((m) => m.kind === "event" && m.action === "system")).toBe(false);
    r.close();
  });

  it("/help lists what the caller may run: moderation only for the owner", async () => {
    const r = await room3();
    await sayAcked(r.pat.client, "/help");
    const forPat = await system(r.pat.client, (s) => s.commands !== undefined);
    expect(forPat.commands!.map((c) => c.name)).toEqual(["me", "emote", "w", "who", "help"]);
    expect(forPat.commands!.find((c) => c.name === "w")).toEqual({
      name: "w",
      aliases: ["whisper", "tell", "msg"],
      usage: "/w <player> <text>",
      help: expect.stringContaining("whisper"),
      ownerOnly: false,
    });
    await sayAcked(r.olga.client, "/?");
    const forOlga = await system(r.olga.client, (s) => s.commands !== undefined);
    expect(forOlga.commands!.map((c) => c.name)).toEqual(["me", "emote", "w", "who", "help", "mute", "unmute", "kick", "ban", "unban", "clear", "owner", "filter"]);
    expect(forOlga.commands!.find((c) => c.name === "mute")!.usage).toBe("/mute <player> [minutes]");
    r.close();
  });

  it("/emote <name> plays a listed emote for everyone; an unlisted one is invalid_command with the list", async () => {
    const r = await room3();
    await sayAcked(r.pat.client, "/emote Dance");
    for (const { client } of r.all) expect(await emote(client)).toEqual({ entity: r.pat.entityId, emote: "dance" });
    const bad = await sayRefused(r.olga.client, "/e moonwalk");
    expect(bad).toMatchObject({ code: ErrorCode.invalidCommand, message: expect.stringMatching(/emote must be one of wave, dance.*usage: \/emote <wave\|dance/) });
    // One emote per second: a second one at once is refused, naming the action.
    await sayAcked(r.quinn.client, "/emote wave");
    const tooSoon = await sayRefused(r.quinn.client, "/emote wave");
    expect(tooSoon).toMatchObject({ code: ErrorCode.rateLimited, action: "emote", secondsLeft: 1 });
    // Everything of Quinn's is in Olga's socket before Quinn's next line: one wave, not two.
    await linesUntilMarker(r.olga.client, 0, r.quinn.client);
    expect(emotesOf(r.olga.client).filter((e) => (e as { entity: string }).entity === r.quinn.entityId)).toHaveLength(1);
    r.close();
  }, 10_000);

  it("refuses precisely: unknown_command, invalid_command with the usage, no_such_player, forbidden", async () => {
    const room = await createRoom("olga");
    const olga = await chatter(room, "olga", "Olga");
    const sam1 = await chatter(room, "sam-1", "Sam");
    const sam2 = await chatter(room, "sam-2", "sam");
    expect(await sayRefused(sam1.client, "/dance")).toMatchObject({ code: ErrorCode.unknownCommand, message: expect.stringContaining('"/dance"') });
    expect(await sayRefused(sam1.client, "/w olga")).toMatchObject({ code: ErrorCode.invalidCommand, message: expect.stringContaining("usage: /w <player> <text>") });
    expect(await sayRefused(sam1.client, "/w nobody hi")).toMatchObject({ code: ErrorCode.noSuchPlayer, message: 'no player named "nobody" here' });
    // The later of two players of one name is numbered by the room (room-names.ts), so a name never names two:
    // "SAM" is the first one, "sam 2" the second; a player id names either.
    await sayAcked(olga.client, "/w SAM for the first");
    expect(await line(sam1.client, (l) => l.scope === "whisper")).toMatchObject({ to: "sam-1", toName: "Sam", text: "for the first" });
    await sayAcked(olga.client, "/w sam 2 for the second");
    expect(await line(sam2.client, (l) => l.text === "for the second")).toMatchObject({ to: "sam-2", toName: "sam 2" });
    await sayAcked(olga.client, "/w sam-2 only you");
    expect(await line(sam2.client, (l) => l.text === "only you")).toMatchObject({ to: "sam-2" });
    expect(await sayRefused(sam1.client, "/kick olga")).toMatchObject({ code: ErrorCode.forbidden, message: "only the room owner may run /kick" });
    expect(await sayRefused(olga.client, "/mute olga")).toMatchObject({ code: ErrorCode.invalidCommand, message: "you cannot mute yourself" });
    expect(await sayRefused(olga.client, "/mute sam-1 0")).toMatchObject({ code: ErrorCode.invalidCommand, message: expect.stringContaining("minutes must be a whole number 1..1440") });
    // None of these slips is a protocol strike: the connection stays open and keeps chatting.
    await sayAcked(sam1.client, "still here");
    for (const { client } of [olga, sam1, sam2]) client.close();
  });
});
