// Fair play: building that cannot trap anyone, and an owner who can undo a griefer (issue 17 §1; ARCHITECTURE.md).
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BuildRejectReason, CloseCode, ErrorCode, type BuildAction, type ErrorPayload, type MovementInput } from "@edgehold/protocol";
import { say, sayRefused, seen } from "./support/chat-client.ts";
import { CombatPlayer, idle } from "./support/combat-player.ts";
import { createRoom } from "./support/room-api.ts";
import { place } from "./support/room-internals.ts";
import { connect, freshRoom } from "./support/test-client.ts";

const structuresIn = (room: string) =>
  runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_instance, state) =>
    state.storage.sql.exec<{ owner: string; tx: number; ty: number }>("SELECT owner, tx, ty FROM structures").toArray(),
  );

/** The build_rejected error naming input `seq`, once it arrived. */
function rejection(player: CombatPlayer, seq: number): Promise<ErrorPayload> {
  return player.until(() => {
    const found = player.client.received.find((m) => m.kind === "error" && m.payload.code === ErrorCode.buildRejected && m.payload.seq === seq);
    return found?.kind === "error" ? found.payload : undefined;
  }, `the rejection of input ${seq}`);
}

/** Sends one input carrying `build` (and `keys`), returning its seq. */
function build(player: CombatPlayer, action: BuildAction, keys: Partial<MovementInput> = {}): number {
  return player.sendNow([{ ...idle(), ...keys, build: action }])[0]!;
}

/** The room allows five build actions per second of its time: one every 200 ms never meets the limit. */
const BUILD_ACTION_EVERY_MS = 200;

/** Places walls on `tiles` at the room's 5-a-second rate (each acknowledged, and 200 ms of its time on, before the next). */
async function buildAll(player: CombatPlayer, tiles: { tx: number; ty: number }[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const { tx, ty } of tiles) {
    const seq = build(player, { op: "place", tx, ty, kind: "wall" });
    seqs.push(seq);
    await player.roomTimePassed(seq, BUILD_ACTION_EVERY_MS);
  }
  return seqs;
}

const ring = (cx: number, cy: number, r: number) => {
  const tiles: { tx: number; ty: number }[] = [];
  for (let tx = cx - r; tx <= cx + r; tx++) for (let ty = cy - r; ty <= cy + r; ty++) if (Math.max(Math.abs(tx - cx), Math.abs(ty - cy)) === r) tiles.push({ tx, ty });
  return tiles;
};

describe("build reach, bounds, bodies and spawn points", () => {
  it("out_of_reach and out_of_bounds name the input's seq, and the movement riding that input still applies", async () => {
    const room = freshRoom("reach");
    const builder = await CombatPlayer.join(room, "reach-builder");
    await place(room, "reach-builder", 20.5, 20.5);
    await builder.until(() => builder.movement(builder.entityId)?.x === 20.5, "placed");
    const far = build(builder, { op: "place", tx: 40, ty: 20, kind: "wall" }, { right: true });
    expect(await rejection(builder, far)).toMatchObject({ reason: BuildRejectReason.outOfReach, seq: far });
    const outside = build(builder, { op: "place", tx: 500, ty: 20, kind: "wall" }, { right: true });
    expect(await rejection(builder, outside)).toMatchObject({ reason: BuildRejectReason.outOfBounds, seq: outside });
    // No invalid_payload for the batch: both inputs' movement was applied.
    const moved = await builder.until(() => (builder.ackInputSeq >= outside ? builder.movement(builder.entityId) : undefined), "both inputs applied");
    expect(moved.x).toBeGreaterThan(20.5);
    expect(builder.client.received.some((m) => m.kind === "error" && m.payload.code === ErrorCode.invalidPayload)).toBe(false);
    // Within reach it is built.
    const near = build(builder, { op: "place", tx: 24, ty: 20, kind: "wall" });
    await builder.until(() => builder.ackInputSeq >= near && [...(builder.replica.get("build")?.values() ?? [])].some((s) => s.tx === 24), "the wall within reach");
    builder.close();
  });

  it("protected: no wall or crate near the spawn ring; floors are fine there", async () => {
    const room = freshRoom("protect");
    const builder = await CombatPlayer.join(room, "protect-builder");
    await place(room, "protect-builder", 6.5, 0.5);
    await builder.until(() => builder.movement(builder.entityId)?.x === 6.5, "placed on the ring");
    const wall = build(builder, { op: "place", tx: 8, ty: 2, kind: "wall" });
    expect(await rejection(builder, wall)).toMatchObject({ reason: BuildRejectReason.protected });
    const crate = build(builder, { op: "place", tx: 4, ty: 3, kind: "crate" });
    expect(await rejection(builder, crate)).toMatchObject({ reason: BuildRejectReason.protected });
    const floor = build(builder, { op: "place", tx: 8, ty: 2, kind: "floor" });
    await builder.until(() => builder.ackInputSeq >= floor && (builder.replica.get("build")?.size ?? 0) === 1, "the floor");
    builder.close();
  });

  it("occupied: no wall within 0.25 m of anyone's body, however the builder stands", async () => {
    const room = freshRoom("bodies");
    const builder = await CombatPlayer.join(room, "bodies-builder");
    const other = await CombatPlayer.join(room, "bodies-other");
    await place(room, "bodies-other", 30.5, 30.5);
    await place(room, "bodies-builder", 27.5, 30.5);
    await builder.until(() => builder.movement(other.entityId)?.x === 30.5, "placed");
    // Tile 31 starts 0.125 m from the other's box: inside the margin. Tile 32 is clear.
    const close = build(builder, { op: "place", tx: 31, ty: 30, kind: "wall" });
    expect(await rejection(builder, close)).toMatchObject({ reason: BuildRejectReason.occupied });
    const clear = build(builder, { op: "place", tx: 32, ty: 30, kind: "crate" });
    await builder.until(() => builder.ackInputSeq >= clear && (builder.replica.get("build")?.size ?? 0) === 1, "the crate beside");
    builder.close();
    other.close();
  });
});

describe("a griefer against a room owner", () => {
  it("walling in from 20 m, from 3 m and around a spawn point fails or is undone: /clear and /ban remove it all; the victim walks free", async () => {
    const room = await createRoom("owner-olga");
    const olga = await connect(room, { playerId: "owner-olga", name: "Olga" });
    const victim = await CombatPlayer.join(room, "victim-vic");
    const griefer = await CombatPlayer.join(room, "griefer-gus");
    // Everyone stays connected meanwhile (the tests' idle timeout is 3 s): the victim stands, the owner pings.
    victim.nextInput = idle;
    victim.start();
    const pinging = setInterval(() => olga.client.ping(), 1000);
    await place(room, "victim-vic", 30.5, 30.5);
    await place(room, "griefer-gus", 10.5, 30.5);
    await griefer.until(() => griefer.movement(victim.entityId)?.x === 30.5 && griefer.movement(griefer.entityId)?.x === 10.5, "placed 20 m apart");

    // From 20 m: nothing reaches.
    const fromAfar = await buildAll(griefer, ring(30, 30, 1).slice(0, 3));
    for (const seq of fromAfar) expect(await rejection(griefer, seq)).toMatchObject({ reason: BuildRejectReason.outOfReach });
    // From 3 m: the tiles next to the victim are refused (their body); a wider ring goes up around them.
    await place(room, "griefer-gus", 27.5, 30.5);
    await griefer.until(() => griefer.movement(griefer.entityId)?.x === 27.5, "3 m away");
    const adjacent = await buildAll(griefer, [{ tx: 31, ty: 30 }, { tx: 30, ty: 31 }]);
    for (const seq of adjacent) expect(await rejection(griefer, seq)).toMatchObject({ reason: BuildRejectReason.occupied });
    const outer = ring(30, 30, 2).filter(({ tx }) => tx !== 28); // the side the griefer stands on stays open: they step out first
    await buildAll(griefer, outer);
    // Around a spawn point: refused.
    await place(room, "griefer-gus", 6.5, 0.5);
    await griefer.until(() => griefer.movement(griefer.entityId)?.x === 6.5, "at a spawn point");
    const atSpawn = await buildAll(griefer, ring(6, 0, 1).slice(0, 2));
    for (const seq of atSpawn) expect(await rejection(griefer, seq)).toMatchObject({ reason: BuildRejectReason.protected });
    const built = (await structuresIn(room)).filter((s) => s.owner === "griefer-gus");
    expect(built.length).toBe(outer.length);

    // The victim, walled in on three sides, cannot walk out to the right.
    const walkFrom = victim.lastInputSeq;
    victim.nextInput = () => ({ ...idle(), right: true });
    await victim.until(() => victim.ackInputSeq >= walkFrom + 30, "a second of walking right");
    expect(victim.movement(victim.entityId)!.x).toBe(32 - 0.375);

    // The owner: /clear (everything of theirs goes), then /ban (closed 4004, refused later).
    say(olga.client, "/clear griefer-gus");
    await seen(olga.client, (m) => m.kind === "event" && m.action === "system" && (m.payload as { text: string }).text === `Removed ${outer.length} structures of griefer-gus.`, "cleared");
    expect(await structuresIn(room)).toEqual([]);
    say(olga.client, "/ban griefer-gus");
    expect(await griefer.client.closed()).toMatchObject({ code: CloseCode.kicked });
    // The victim walks free, past where the wall stood.
    await victim.until(() => (victim.movement(victim.entityId)!.x > 34 ? true : undefined), "walking free", 5000);
    clearInterval(pinging);
    olga.client.close();
    victim.close();
  }, 60_000);

  it("/clear, /ban and /mute also name a player who left within the hour; /ban removes their structures too", async () => {
    const room = await createRoom("owner-ola");
    const ola = await connect(room, { playerId: "owner-ola", name: "Ola" });
    const gone = await CombatPlayer.join(room, "gone-gil");
    await place(room, "gone-gil", 20.5, 20.5);
    await gone.until(() => gone.movement(gone.entityId)?.x === 20.5, "placed");
    await buildAll(gone, [{ tx: 22, ty: 20 }, { tx: 22, ty: 21 }]);
    gone.close();
    await gone.client.closed();
    await expect.poll(async () => (await structuresIn(room)).length).toBe(2);

    say(ola.client, "/mute gone-gil 5");
    await seen(ola.client, (m) => m.kind === "event" && m.action === "system" && (m.payload as { text: string }).text.startsWith("gone-gil is muted"), "muted");
    say(ola.client, "/ban gone-gil");
    await seen(ola.client, (m) => m.kind === "event" && m.action === "system" && (m.payload as { text: string }).text === "gone-gil is banned; 2 of their structures removed.", "banned");
    expect(await structuresIn(room)).toEqual([]);
    // Someone who was never here is still nobody.
    expect(await sayRefused(ola.client, "/clear never-was")).toMatchObject({ code: ErrorCode.noSuchPlayer });
    ola.client.close();
  }, 20_000);
});
