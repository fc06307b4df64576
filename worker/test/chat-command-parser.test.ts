import { describe, expect, it } from "vitest";
import { ErrorCode } from "@edgehold/protocol";
import { parseArgs, splitCommandLine } from "../src/features/chat/commands/parse-command-line.ts";
import type { PlayerPools } from "../src/features/chat/commands/command-args.ts";
import { muteCommand } from "../src/features/chat/commands/mute.ts";
import { lookUpPlayer, type NamedPlayer } from "../src/features/chat/player-lookup.ts";

const players: NamedPlayer[] = [
  { playerId: "p1", name: "Big Bob" },
  { playerId: "p2", name: "Big" },
  { playerId: "p3", name: "Ann" },
];
const pools: PlayerPools = { room: () => players, muted: () => players, banned: () => [], recent: () => players };

describe("slash command parsing", () => {
  it("splits the command word (any case) from the rest", () => {
    expect(splitCommandLine("/W  bob hi there")).toEqual({ name: "w", rest: "bob hi there" });
    expect(splitCommandLine("/")).toEqual({ name: "", rest: "" });
    expect(splitCommandLine("hello /w")).toBeUndefined();
  });

  it("reads a player name: quoted, the longest name that fits, a player id, or none", () => {
    expect(lookUpPlayer("big bob hello", players)).toMatchObject({ ok: true, player: { playerId: "p1" }, rest: "hello" });
    expect(lookUpPlayer("BIG hello", players)).toMatchObject({ ok: true, player: { playerId: "p2" }, rest: "hello" });
    expect(lookUpPlayer('"Big" bob', players)).toMatchObject({ ok: true, player: { playerId: "p2" }, rest: "bob" });
    expect(lookUpPlayer("p3 hi", players)).toMatchObject({ ok: true, player: { playerId: "p3" }, rest: "hi" });
    // "Ann" is not a prefix of "Annie": a name ends at a space.
    expect(lookUpPlayer("Annie hi", players)).toEqual({ ok: false, message: 'no player named "Annie" here' });
  });

  it("reads a typed name by its look-alikes when no name is it exactly: Latin \"Bob 2\" is the Cyrillic \"Вob 2\"", () => {
    const room: NamedPlayer[] = [
      { playerId: "real", name: "Bob" },
      { playerId: "fake", name: "\u0412ob 2" },
      { playerId: "blake", name: "BIake" },
    ];
    expect(lookUpPlayer("Bob 2 hi", room)).toMatchObject({ ok: true, player: { playerId: "fake" }, rest: "hi" });
    expect(lookUpPlayer("bob hi", room)).toMatchObject({ ok: true, player: { playerId: "real" }, rest: "hi" });
    expect(lookUpPlayer("Blake", room)).toMatchObject({ ok: true, player: { playerId: "blake" } });
    expect(lookUpPlayer('"B0B 2"', room)).toMatchObject({ ok: true, player: { playerId: "fake" } });
    // A name that is some player's exactly wins over a look-alike (a list may remember a "Вob" who left).
    const withList = [...room, { playerId: "gone", name: "\u0412ob" }];
    expect(lookUpPlayer("Bob", withList)).toMatchObject({ ok: true, player: { playerId: "real" } });
    expect(lookUpPlayer("BOB", [{ playerId: "a", name: "\u0412ob" }, { playerId: "b", name: "B\u043Eb" }])).toEqual({
      ok: false,
      message: '2 players have names that look like "BOB": name one by their player id (a, b)',
    });
  });

  it("types the arguments by the command's spec, or names what is wrong with the usage", () => {
    expect(parseArgs(muteCommand, "big bob 15", pools)).toMatchObject({ ok: true, args: { player: { playerId: "p1" }, minutes: 15 } });
    const spec = { name: "mute", aliases: [], args: muteCommand.args, ownerOnly: true, limit: "command" as const, help: "", run: () => ({ ok: true as const }) };
    expect(parseArgs(spec, "ann", pools)).toEqual({ ok: true, args: { player: players[2] } });
    expect(parseArgs(spec, "ann soon", pools)).toEqual({ ok: false, code: ErrorCode.invalidCommand, message: 'minutes must be a whole number 1..1440, not "soon" (usage: /mute <player> [minutes])' });
    expect(parseArgs(spec, "ann 5 extra", pools)).toMatchObject({ ok: false, code: ErrorCode.invalidCommand, message: expect.stringContaining('unexpected "extra"') });
    expect(parseArgs(spec, "", pools)).toMatchObject({ ok: false, code: ErrorCode.invalidCommand, message: expect.stringContaining("needs a player") });
    expect(parseArgs(spec, "zed", pools)).toMatchObject({ ok: false, code: ErrorCode.noSuchPlayer });
  });
});
