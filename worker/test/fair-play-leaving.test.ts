// Fair play: leaving is neither a reset nor an escape (issue 17 §2; ARCHITECTURE.md "Fair play").
import { describe, expect, it } from "vitest";
import { ErrorCode } from "@edgehold/protocol";
import { MAX_STAMINA } from "@edgehold/sim-core";
import { sayAcked, sayRefused } from "./support/chat-client.ts";
import { CombatPlayer, createCharacter, fireAt, idle, rangerDuel } from "./support/combat-player.ts";
import { inWorld, place } from "./support/room-internals.ts";
import { connect, freshRoom } from "./support/test-client.ts";

/** The shooter fires at `entityId` until `enough` says stop (then idles). */
function fireUntil(shooter: CombatPlayer, entityId: string, enough: () => boolean): void {
  shooter.nextInput = () => {
    if (enough()) return idle();
    const me = shooter.movement(shooter.entityId)!;
    const them = shooter.movement(entityId);
    return them ? fireAt(me, them) : idle();
  };
  shooter.start();
}

const presenceOf = (player: CombatPlayer, entityId: string) => player.replica.get("presence")?.get(entityId) as { connected?: boolean } | undefined;

describe("leaving mid-fight is no escape", () => {
  it("a player who leaves within 10 s of a fight stays as a body (connected: false) that is hit and killed; killed, it goes at once", async () => {
    const { shooter, target } = await rangerDuel("linger-kill");
    target.start();
    fireUntil(shooter, target.entityId, () => shooter.eventsOf("hit").length >= 1);
    await shooter.until(() => shooter.eventsOf("hit").find((h) => h.target === target.entityId), "the first hit");
    target.close();
    await shooter.until(() => presenceOf(shooter, target.entityId)?.connected === false, "the body shown as disconnected");
    expect(shooter.presenceEvents("leave")).toEqual([]);
    // Still in the world: hit again, and killed.
    fireUntil(shooter, target.entityId, () => shooter.eventsOf("death").length >= 1);
    await shooter.until(() => shooter.eventsOf("death").find((d) => d.target === target.entityId), "the body killed", 10_000);
    await shooter.until(() => shooter.combat(shooter.entityId)?.kills === 1, "the kill credited");
    // A killed body has lingered enough: it leaves (its death is kept for its player's return).
    await shooter.until(() => shooter.presenceEvents("leave").some((e) => e.entityId === target.entityId), "the body leaving");
    shooter.close();
  }, 30_000);

  it("rejoining within the 10 s takes the body back: same entity, same place, same hp, connected again, nobody told of a join", async () => {
    const { room, shooter, target, targetId } = await rangerDuel("linger-back");
    target.start();
    fireUntil(shooter, target.entityId, () => shooter.eventsOf("hit").length >= 1);
    const hit = await shooter.until(() => shooter.eventsOf("hit").find((h) => h.target === target.entityId), "the hit");
    target.close();
    await shooter.until(() => presenceOf(shooter, target.entityId)?.connected === false, "the body shown as disconnected");
    const where = shooter.movement(target.entityId)!;
    const joinsBefore = shooter.presenceEvents("join").length;

    const again = await CombatPlayer.join(room, targetId);
    expect(again.entityId).toBe(target.entityId);
    expect(again.combat(again.entityId)).toMatchObject({ hp: hit.hp, alive: true });
    expect(again.movement(again.entityId)).toMatchObject({ x: where.x, y: where.y });
    await shooter.until(() => presenceOf(shooter, target.entityId)?.connected === true, "connected again");
    expect(shooter.presenceEvents("join")).toHaveLength(joinsBefore);
    expect(shooter.presenceEvents("leave")).toEqual([]);
    // A body taken back gets no spawn protection: the next shot hits at once.
    const hitsBefore = shooter.eventsOf("hit").length;
    fireUntil(shooter, again.entityId, () => shooter.eventsOf("hit").length > hitsBefore);
    again.nextInput = idle;
    again.start();
    await shooter.until(() => shooter.eventsOf("hit").length > hitsBefore, "hit again");
    shooter.close();
    again.close();
  }, 30_000);

  it("a body nobody takes back leaves the world 10 s after its player did", async () => {
    const { shooter, target } = await rangerDuel("linger-out");
    target.start();
    fireUntil(shooter, target.entityId, () => shooter.eventsOf("hit").length >= 1);
    await shooter.until(() => shooter.eventsOf("hit").find((h) => h.target === target.entityId), "the hit");
    shooter.nextInput = idle;
    // Counted in the room's ticks (as the room counts it), not the wall clock's: a busy machine that drops steps
    // stretches the wall-clock time, not this.
    const leftAt = shooter.snapshots.at(-1)!.payload.tick;
    target.close();
    const gone = (leave: Record<string, unknown>) => leave.entityId === target.entityId;
    const leaveAt = await shooter.until(() => shooter.eventTick("leave", gone, "presence"), "the body leaving, and a snapshot after it", 20_000);
    // 10 s is 300 ticks; the snapshots on either side add up to a period each, and the close's way to the room a few.
    expect(leaveAt - leftAt).toBeGreaterThanOrEqual(297);
    expect(leaveAt - leftAt).toBeLessThanOrEqual(330);
    shooter.close();
  }, 30_000);

  it("a player who leaves with no fight in the last 10 s leaves at once", async () => {
    const room = freshRoom("no-linger");
    const stay = await CombatPlayer.join(room, "stayer");
    const leaver = await CombatPlayer.join(room, "leaver");
    await stay.until(() => stay.movement(leaver.entityId), "the leaver");
    stay.start();
    const leftAt = Date.now();
    leaver.close();
    await stay.until(() => stay.presenceEvents("leave").some((e) => e.entityId === leaver.entityId), "the leave");
    expect(Date.now() - leftAt).toBeLessThan(2000);
    stay.close();
  });
});

describe("leaving is no reset", () => {
  it("stamina survives a leave and a rejoin (reconnecting is no refill)", async () => {
    const room = freshRoom("refill");
    await createCharacter(`${room}-r`, "ranger");
    const ranger = await CombatPlayer.join(room, `${room}-r`);
    const me = ranger.movement(ranger.entityId)!;
    // One shot into the air, then leave before the bar refills (it regenerates only by the body's own steps).
    const [shot] = ranger.sendNow([fireAt(me, { x: me.x + 1, y: me.y + 1 })]);
    const tired = await ranger.until(() => {
      const stamina = ranger.combat(ranger.entityId)?.stamina;
      return ranger.ackInputSeq >= shot! && stamina !== undefined && stamina < MAX_STAMINA ? stamina : undefined;
    }, "stamina spent");
    ranger.close();
    await ranger.client.closed();
    const again = await CombatPlayer.join(room, `${room}-r`);
    const back = again.combat(again.entityId)!;
    // Regenerating only by its own steps (none while away): what it left with, not a full bar.
    expect(back.stamina).toBe(tired);
    again.close();
  });

  it("chat budgets survive a rejoin: 5 lines per 10 s, not 5 per connection", async () => {
    const room = freshRoom("budget");
    const first = await connect(room, { playerId: "talker" });
    for (let i = 0; i < 5; i++) await sayAcked(first.client, `line ${i}`);
    first.client.close();
    await first.client.closed();
    const second = await connect(room, { playerId: "talker" });
    expect(await sayRefused(second.client, "one more")).toMatchObject({ code: ErrorCode.rateLimited, action: "chat" });
    second.client.close();
  });

  it("a rejoin inside a wall built while the player was away is moved to the nearest free spot", async () => {
    const room = freshRoom("walled");
    const builder = await CombatPlayer.join(room, "walled-builder");
    const away = await CombatPlayer.join(room, "walled-away");
    await place(room, "walled-away", 30.5, 30.5);
    await place(room, "walled-builder", 27.5, 30.5);
    await away.until(() => away.movement(away.entityId)?.x === 30.5, "standing at (30.5, 30.5)");
    away.close();
    await builder.until(() => builder.presenceEvents("leave").some((e) => e.entityId === away.entityId), "gone");
    // A 3 × 3 block of walls over where they stood (the builder is within reach of each tile).
    const tiles = [29, 30, 31].flatMap((tx) => [29, 30, 31].map((ty) => ({ tx, ty })));
    for (const { tx, ty } of tiles) {
      const [seq] = builder.sendNow([{ ...idle(), build: { op: "place", tx, ty, kind: "wall" } }]);
      // Five build actions a second of the room's time at most.
      await builder.roomTimePassed(seq!, 200);
    }
    await builder.until(() => (builder.replica.get("build")?.size ?? 0) === 9, "nine walls");

    const back = await CombatPlayer.join(room, "walled-away");
    const at = back.movement(back.entityId)!;
    // The nearest tile centre outside the block: two tiles from the middle, straight along an axis.
    expect(Math.hypot(at.x - 30.5, at.y - 30.5)).toBe(2);
    expect(await inWorld(room, (world) => world.sim.tiles.kind(Math.floor(at.x), Math.floor(at.y)))).toBe(0);
    builder.close();
    back.close();
  }, 20_000);
});
