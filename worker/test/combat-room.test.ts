import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode, Kind, type ErrorMessage } from "@edgehold/protocol";
import { CHECKPOINT_EVERY_STEPS, TICK_RATE } from "../src/room/room-config.ts";
import { CombatPlayer, createCharacter, fireAt, idle, rangerDuel } from "./support/combat-player.ts";
import { freshRoom } from "./support/test-client.ts";
import { roomDiagnostics } from "./support/room-api.ts";
import { place } from "./support/room-internals.ts";

const roomObject = (room: string) => env.ROOMS.get(env.ROOMS.idFromName(room));
const sqlOf = <T>(room: string, query: string) =>
  runInDurableObject(roomObject(room), (_, state) => state.storage.sql.exec(query).toArray() as unknown as T[]);

/** The room's tick and its rows written so far (its diagnostics). */
async function roomInfo(room: string): Promise<{ tick: number; rows: number }> {
  const info = await roomDiagnostics(room);
  return { tick: info.tick, rows: info.rowsWritten.total };
}

/** The shooter fires at the target's position (as its snapshots show it) on every input. */
function fireAtTarget(shooter: CombatPlayer, target: CombatPlayer): void {
  shooter.nextInput = () => {
    const me = shooter.movement(shooter.entityId)!;
    const them = shooter.movement(target.entityId)!;
    return fireAt(me, them);
  };
  shooter.start();
}

describe("combat in a live room", () => {
  it("fire → hit → hp drops on both clients → death → inputs ignored while dead → respawn at a spawn point with full hp, its teleport counter bumped", async () => {
    const { shooter, target } = await rangerDuel("combat");
    expect(shooter.combat(target.entityId)).toMatchObject({ hp: 100, maxHp: 100, alive: true, kills: 0, deaths: 0 });
    expect(shooter.combat(shooter.entityId)).toMatchObject({ hp: 100, maxHp: 100, alive: true, stamina: 100 });
    // Nobody has been moved by the room yet: no teleport counter in the movement channel.
    expect(target.movement(target.entityId)).not.toHaveProperty("teleport");
    target.start();
    fireAtTarget(shooter, target);

    // Both clients see the hit (an arrow: 20, or 30 when it crits) and the hp fall.
    const hit = await target.until(() => target.eventsOf("hit")[0], "a hit event at the target");
    expect(hit).toMatchObject({ target: target.entityId, source: shooter.entityId, hp: 100 - (hit.damage as number) });
    expect([20, 30]).toContain(hit.damage);
    await target.until(() => (target.combat(target.entityId)?.hp ?? 100) < 100, "the target's hp drop in its own snapshots");
    await shooter.until(() => (shooter.combat(target.entityId)?.hp ?? 100) < 100, "the target's hp drop in the shooter's snapshots");
    expect(shooter.eventsOf("hit")[0]).toEqual(hit);

    const death = await target.until(() => target.eventsOf("death")[0], "the death event", 8000);
    expect(death).toEqual({ target: target.entityId, killer: shooter.entityId });
    await shooter.until(() => shooter.eventsOf("death")[0], "the death event at the shooter");
    // The shooter stays (sending idle inputs: a silent socket is closed after the tests' 3 s idle timeout).
    shooter.nextInput = idle;
    const dead = await target.until(() => (target.combat(target.entityId)?.alive === false ? target.combat(target.entityId) : undefined), "dead in the channel");
    expect(dead).toMatchObject({ hp: 0, alive: false, deaths: 1 });
    expect(dead.respawnAt).toBeGreaterThan(Date.now() + 3000);
    await shooter.until(() => shooter.combat(shooter.entityId)?.kills === 1, "the kill credited to the shooter");

    // Dead: the target's inputs (run right, fire) are consumed and acked, but it neither moves nor shoots.
    const where = { ...target.movement(target.entityId)! };
    target.nextInput = () => ({ ...fireAt(where, { x: where.x + 1, y: where.y }), right: true });
    const firstDeadSeq = target.lastInputSeq + 1;
    await target.until(() => target.ackInputSeq >= firstDeadSeq + 30, "a second of the dead player's inputs acked");
    expect(target.movement(target.entityId)).toMatchObject({ x: where.x, y: where.y });
    expect([...target.projectiles().values()].filter((p) => p.owner === target.entityId)).toEqual([]);
    target.nextInput = idle;

    // ~5 s after death: back with full hp, at a point of the spawn ring (4–8 m from the origin), told to everyone.
    const respawn = await shooter.until(() => shooter.eventsOf("respawn")[0], "the respawn event", 8000);
    expect(respawn).toMatchObject({ target: target.entityId });
    const distance = Math.hypot(respawn.x as number, respawn.y as number);
    expect(distance).toBeGreaterThanOrEqual(4 - 0.01);
    expect(distance).toBeLessThanOrEqual(8 + 0.01);
    const back = await target.until(() => (target.combat(target.entityId)?.alive ? target.combat(target.entityId) : undefined), "alive again");
    expect(back).toMatchObject({ hp: 100, maxHp: 100, alive: true, stamina: 100, deaths: 1 });
    await target.until(() => target.movement(target.entityId)?.x === respawn.x && target.movement(target.entityId)?.y === respawn.y, "the respawn position");
    // A respawn is a server-side move: the body's teleport counter went up in the very snapshot that moved it, on
    // both connections (so pages snap instead of counting a correction or sliding across the world).
    const moved = target.snapshots.map((s) => s.payload.features.movement?.set?.[target.entityId]).find((fields) => fields?.teleport !== undefined);
    expect(moved).toMatchObject({ x: respawn.x, y: respawn.y, teleport: 1 });
    await shooter.until(() => shooter.movement(target.entityId)?.teleport === 1, "the target's teleport counter at the shooter");
    expect(shooter.movement(shooter.entityId)).not.toHaveProperty("teleport");
    // Timed by the room's own clock: the ticks of the snapshots that followed the death and the respawn events.
    const deathTick = await shooter.until(() => shooter.eventTick("death"), "the death's tick");
    const respawnTick = await shooter.until(() => shooter.eventTick("respawn"), "the respawn's tick");
    expect((respawnTick - deathTick) / TICK_RATE).toBeGreaterThanOrEqual(4.5);
    expect((respawnTick - deathTick) / TICK_RATE).toBeLessThanOrEqual(5.7);
    shooter.close();
    target.close();
  }, 30_000);

  it("kills and deaths are credited, stored, and survive a restart of the room", async () => {
    const { room, shooter, target } = await rangerDuel("score");
    target.start();
    fireAtTarget(shooter, target);
    await target.until(() => target.eventsOf("death")[0], "the death event", 8000);
    shooter.nextInput = idle;
    await shooter.until(() => shooter.combat(shooter.entityId)?.kills === 1 && shooter.combat(target.entityId)?.deaths === 1, "the score in the channel");
    // Written when the score changed: the victim's row and the killer's.
    const rows = await sqlOf<{ player_id: string; kills: number; deaths: number }>(room, "SELECT player_id, kills, deaths FROM combat_scores ORDER BY player_id");
    expect(rows).toEqual([
      { player_id: `${room}-ranger`, kills: 1, deaths: 0 },
      { player_id: `${room}-target`, kills: 0, deaths: 1 },
    ]);
    shooter.close();
    target.close();
    // Each close handshake completes before the restart: one cut half-way leaves this client's socket open for good.
    await shooter.client.closed();
    await target.client.closed();
    await abortAllDurableObjects();

    const shooterAgain = await CombatPlayer.join(room, `${room}-ranger`);
    const targetAgain = await CombatPlayer.join(room, `${room}-target`);
    await shooterAgain.until(() => shooterAgain.combat(targetAgain.entityId), "the target's combat entry");
    expect(shooterAgain.combat(shooterAgain.entityId)).toMatchObject({ kills: 1, deaths: 0, alive: true, hp: 100 });
    expect(shooterAgain.combat(targetAgain.entityId)).toMatchObject({ kills: 0, deaths: 1, alive: true, hp: 100 });
    shooterAgain.close();
    targetAgain.close();
  }, 30_000);

  it("the projectile channel shows a shot with its owner, the input seq that fired it and its flight; gone when it expires", async () => {
    const { shooter, target } = await rangerDuel("arrow");
    const me = shooter.movement(shooter.entityId)!;
    const them = shooter.movement(target.entityId)!;
    // Away from the target, along the line from it through the shooter: nothing to hit.
    const away = { x: me.x + (me.x - them.x), y: me.y + (me.y - them.y) };
    shooter.nextInput = idle;
    shooter.start();
    const [seq] = shooter.sendNow([fireAt(me, away)]);
    const [id, arrow] = await shooter.until(
      () => [...shooter.projectiles()].find(([, p]) => p.owner === shooter.entityId),
      "the arrow in the projectile channel",
    );
    expect(arrow.seq).toBe(seq);
    // 36 m/s along the aim (on the 1/256 grid).
    expect(Math.hypot(arrow.vx, arrow.vy)).toBeCloseTo(36, 1);
    const length = Math.hypot(away.x - me.x, away.y - me.y);
    expect(arrow.vx / 36).toBeCloseTo((away.x - me.x) / length, 2);
    expect(arrow.vy / 36).toBeCloseTo((away.y - me.y) / length, 2);
    // Ids are a room-wide counter: the target's shot that ended its spawn protection was 1, this one is 2.
    expect(id).toBe("2");
    await shooter.until(() => !shooter.projectiles().has(id), "the arrow gone after its 30 m");
    expect(shooter.eventsOf("hit")).toEqual([]);
    shooter.close();
    target.close();
  });

  it("a structure hit by arrows loses hp in the build channel (stored at the checkpoint) and, destroyed, leaves SQLite and the channel", async () => {
    const room = freshRoom("crate");
    await createCharacter(`${room}-ranger`, "ranger");
    const shooter = await CombatPlayer.join(room, `${room}-ranger`);
    // Away from the spawn ring (no crates within 3 m of it).
    await place(room, `${room}-ranger`, 20.5, 0.5);
    const me = await shooter.until(() => (shooter.movement(shooter.entityId)?.x === 20.5 ? shooter.movement(shooter.entityId) : undefined), "at (20.5, 0.5)");
    // The move is in the room's checkpoint row before the rows are counted below.
    await expect.poll(async () => (await sqlOf<{ players: string }>(room, "SELECT players FROM room_checkpoint"))[0]?.players.includes("20.5"), { timeout: 3000 }).toBe(true);
    const tx = Math.floor(me.x) + 2;
    const ty = Math.floor(me.y);
    // Place a crate two tiles to the right (the build action rides an input), then shoot right at it.
    shooter.sendNow([{ ...idle(), build: { op: "place", tx, ty, kind: "crate" } }]);
    const structureId = await shooter.until(() => [...(shooter.replica.get("build") ?? [])].find(([, s]) => s.tx === tx && s.ty === ty)?.[0], "the crate");
    const hpOf = () => shooter.replica.get("build")?.get(structureId)?.hp as number | undefined;
    const storedHp = async () => (await sqlOf<{ hp: number }>(room, `SELECT hp FROM structures WHERE id = ${structureId}`))[0]?.hp;
    expect(hpOf()).toBe(150);
    const before = await roomInfo(room);
    // Four hits (at most 4 × 30 with crits: the crate stands), then hold fire; every hp the channel showed is a hit.
    const seen = new Set<number>();
    shooter.nextInput = () => (seen.size >= 5 ? idle() : fireAt(me, { x: me.x + 1, y: me.y }));
    shooter.start();
    await shooter.until(() => {
      const hp = hpOf();
      if (hp !== undefined) seen.add(hp);
      return seen.size >= 5;
    }, "four hits on the crate");
    // Damage is written at the room's checkpoint (about once a second), not per hit: once the row holds the hp the
    // channel shows, no more rows were written than checkpoints ran (and fewer than there were hits).
    await expect.poll(async () => (await storedHp()) === hpOf() && hpOf() !== undefined, { timeout: 4000, interval: 20 }).toBe(true);
    const after = await roomInfo(room);
    shooter.update();
    seen.add(hpOf()!);
    const hits = seen.size - 1;
    const checkpoints = Math.floor((after.tick - before.tick) / CHECKPOINT_EVERY_STEPS) + 1;
    expect(hits).toBeGreaterThanOrEqual(4);
    expect(after.rows - before.rows).toBeLessThanOrEqual(checkpoints);
    expect(after.rows - before.rows).toBeLessThan(hits);
    shooter.nextInput = () => fireAt(me, { x: me.x + 1, y: me.y });
    await shooter.until(() => !shooter.replica.get("build")?.has(structureId), "the crate removed from the build channel", 10_000);
    // Gone from SQLite by the time a snapshot showed it gone.
    expect(await sqlOf(room, `SELECT * FROM structures WHERE id = ${structureId}`)).toEqual([]);
    shooter.close();
  }, 20_000);

  it("malformed fire fields get invalid_payload naming the field; the room plays on", async () => {
    const { shooter, target } = await rangerDuel("badfire");
    target.start();
    // Refused frames are not a sign of life: without its pings the shooter would be closed as idle (4009, 3 s in the
    // tests) while its bad frames are being answered on a slow machine.
    const pinging = setInterval(() => shooter.client.ping(), 500);
    const bad = [
      { fire: "yes", aimX: 1, aimY: 0 },
      { fire: true },
      { fire: true, aimX: 0, aimY: 0 },
      { fire: true, aimX: 5, aimY: 5 },
      { fire: true, aimX: 1, aimY: 0, viewTime: "now" },
      { fire: true, aimX: 1, aimY: 0, viewTime: -5 },
    ];
    for (const fields of bad) {
      const seq = shooter.client.nextSeq();
      const inputs = [{ seq: shooter.lastInputSeq + 1, ...idle(), ...fields }];
      shooter.client.sendRaw(JSON.stringify({ v: 2, kind: "command", seq, feature: "movement", action: "input_batch", payload: { inputs } }));
      const error = (await shooter.client.next((m) => m.kind === Kind.error && m.seq === seq, 3000, "the error")) as ErrorMessage;
      expect(error.payload.code).toBe(ErrorCode.invalidPayload);
      expect(error.payload.message).toMatch(/fire|aim|viewTime/);
    }
    // A forged viewTime far in the past or the future is valid but only clamps the rewind: the shot still flies —
    // straight away from the target (a shot that met it within a snapshot period would never show in the channel).
    const me = shooter.movement(shooter.entityId)!;
    const them = shooter.movement(target.entityId)!;
    const away = { x: me.x + (me.x - them.x || 1), y: me.y + (me.y - them.y) };
    shooter.sendNow([fireAt(me, away, { viewTime: 1 }), idle(), idle()]);
    await shooter.until(() => [...shooter.projectiles().values()].some((p) => p.owner === shooter.entityId), "a shot after the bad frames");
    // The room still runs for everyone.
    const before = target.snapshots.length;
    await target.until(() => target.snapshots.length >= before + 3, "the target's snapshots going on");
    clearInterval(pinging);
    shooter.close();
    target.close();
  });
});
