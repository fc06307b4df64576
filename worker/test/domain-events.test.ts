import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloseCode } from "@edgehold/protocol";
import type { DomainEvent } from "../src/ops/domain-events.ts";
import { EVENT_LOG_CAPACITY, type EventLogDurableObject, type LoggedEvent } from "../src/ops/event-log-durable-object.ts";
import { chatter, sayAcked } from "./support/chat-client.ts";
import { fireAt, idle, rangerDuel } from "./support/combat-player.ts";
import { adminFetch, createRoom } from "./support/room-api.ts";
import { connect, freshRoom } from "./support/test-client.ts";

/** `GET /api/admin/events` with `query`. */
async function events(query = ""): Promise<LoggedEvent[]> {
  const response = await adminFetch("GET", `/events${query}`);
  if (!response.ok) throw new Error(`GET /api/admin/events${query} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { events: LoggedEvent[] }).events;
}

/** Polls the events log until an event of `type` matching `match` arrived (through the EVENTS queue's consumer). */
function arrives(type: string, match: (event: LoggedEvent) => boolean): Promise<LoggedEvent | undefined> {
  return expect
    .poll(async () => (await events(`?type=${type}`)).find(match), { timeout: 8000, interval: 200 })
    .toBeDefined()
    .then(async () => (await events(`?type=${type}`)).find(match));
}

describe("domain events go through the EVENTS queue into the events log", () => {
  it("a join, a kill and a character creation arrive, with room, player and data", async () => {
    const since = Date.now() - 1;
    const { room, shooter, target, targetId } = await rangerDuel("events");
    const shooterId = `${room}-ranger`;
    // rangerDuel created the shooter's character through the API.
    expect(await arrives("character.created", (e) => e.player === shooterId)).toMatchObject({ data: { characterId: expect.any(String), name: expect.any(String) } });
    expect(await arrives("room.created", (e) => e.room === room)).toMatchObject({ data: { kind: "room" } });
    expect(await arrives("player.joined", (e) => e.room === room && e.player === targetId)).toMatchObject({ at: expect.any(Number), data: { resumed: false } });

    target.start();
    shooter.nextInput = () => fireAt(shooter.movement(shooter.entityId)!, shooter.movement(target.entityId)!);
    shooter.start();
    await target.until(() => target.eventsOf("death")[0], "the death event", 8000);
    shooter.nextInput = idle;
    expect(await arrives("player.killed", (e) => e.room === room && e.player === targetId)).toMatchObject({ data: { by: shooterId } });

    target.stop();
    target.client.close(1000);
    expect(await arrives("player.left", (e) => e.room === room && e.player === targetId)).toMatchObject({ data: { code: 1000 } });
    shooter.stop();
    shooter.client.close();

    // Newest last, and `since` keeps only what came after it.
    const ours = (await events(`?since=${since}`)).filter((e) => e.room === room);
    expect(ours.map((e) => e.at)).toEqual([...ours.map((e) => e.at)].sort((a, b) => a - b));
    expect(ours.every((e) => e.at > since)).toBe(true);
    expect(await events(`?since=${Date.now() + 60_000}`)).toEqual([]);
  });

  it("a ban arrives as player.banned, naming who banned whom", async () => {
    const room = await createRoom("banner");
    const owner = await chatter(room, "banner", "Boss");
    const guest = await connect(room, { playerId: "banned-one", name: "Trouble" });
    await sayAcked(owner.client, "/ban Trouble");
    expect((await guest.client.closed()).code).toBe(CloseCode.kicked);
    expect(await arrives("player.banned", (e) => e.room === room)).toMatchObject({ player: "banned-one", data: { by: "banner" } });
    owner.client.close();
  });

  it("refuses an unknown type or a malformed since", async () => {
    expect((await adminFetch("GET", "/events?type=player.exploded")).status).toBe(400);
    expect((await adminFetch("GET", "/events?since=yesterday")).status).toBe(400);
  });

  it("keeps the newest 10,000 events", async () => {
    const log = env.EVENT_LOG.get(env.EVENT_LOG.idFromName(`bounded-${freshRoom()}`));
    const batch = (from: number, n: number): DomainEvent[] =>
      Array.from({ length: n }, (_, i) => ({ type: "player.joined", at: from + i, room: "bounded", player: `p${from + i}`, data: {} }));
    await log.append(batch(0, 6000));
    await log.append(batch(6000, 4005));
    const kept = await runInDurableObject(log, (_: EventLogDurableObject, state) => state.storage.sql.exec<{ n: number; oldest: number }>("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM events").one());
    expect(kept).toEqual({ n: EVENT_LOG_CAPACITY, oldest: 5 });
    const newest = (await log.list({ limit: 3 })) as unknown as LoggedEvent[];
    expect(newest.map((e) => e.player)).toEqual(["p10002", "p10003", "p10004"]);
    // Paging on from a time: the first events after it, newest last, so a poller that follows `at` misses none.
    const after = (await log.list({ since: 7000, limit: 3 })) as unknown as LoggedEvent[];
    expect(after.map((e) => e.player)).toEqual(["p7001", "p7002", "p7003"]);
  });
});
