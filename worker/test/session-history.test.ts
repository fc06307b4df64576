import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { SessionHistoryStore, type GameSession } from "../src/storage/session-history.ts";
import { connect, freshRoom } from "./support/test-client.ts";
import { internalsOf } from "./support/room-internals.ts";
import { roomDiagnostics } from "./support/room-api.ts";

function sessions(room: string): Promise<GameSession[]> {
  return runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_i, state) => new SessionHistoryStore(state.storage.sql).list());
}

/** The rows once `done` holds for them (the close reaches the room after the test closed its end). */
async function eventually(room: string, done: (rows: GameSession[]) => boolean): Promise<GameSession[]> {
  return vi.waitFor(async () => {
    const rows = await sessions(room);
    if (!done(rows)) throw new Error(`session rows not there yet: ${JSON.stringify(rows)}`);
    return rows;
  });
}

describe("session history", () => {
  it("records a clean close as closed, with user, character and times", async () => {
    const room = freshRoom();
    const { client } = await connect(room, { playerId: "sh-alice" });
    const open = await sessions(room);
    expect(open).toEqual([expect.objectContaining({ userId: "sh-alice", characterId: "default", disconnectedAt: null, reason: null })]);
    client.close(1000);
    const [row] = await eventually(room, (rows) => rows[0]?.reason !== null);
    expect(row).toMatchObject({ reason: "closed" });
    expect(row!.disconnectedAt).toBeGreaterThanOrEqual(row!.connectedAt);
  });

  it("records a replaced connection as replaced, and the new one stays open", async () => {
    const room = freshRoom();
    const first = await connect(room, { playerId: "sh-bob" });
    const second = await connect(room, { playerId: "sh-bob" });
    expect((await first.client.closed()).code).toBe(4005);
    const rows = await sessions(room);
    expect(rows.map((r) => r.reason).sort()).toEqual(["replaced", null].sort());
    second.client.close();
  });

  it("records a connection lost without a close handshake as dropped", async () => {
    const room = freshRoom();
    await connect(room, { playerId: "sh-carol" });
    // What the runtime reports when the network goes away: code 1006, not clean.
    await runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (instance) => {
      // Room sockets are not hibernatable (see live-socket.ts), so the room's own map is where the socket is.
      const [socket] = internalsOf(instance).hub.connections.keys();
      instance.webSocketClose(socket!, 1006, "", false);
    });
    expect((await sessions(room))[0]).toMatchObject({ reason: "dropped" });
  });

  it("records a connection the server closed for misbehaviour as kicked", async () => {
    const room = freshRoom();
    const { client } = await connect(room, { playerId: "sh-dave" });
    for (let i = 0; i < 25; i++) client.sendRaw("garbage");
    expect((await client.closed()).code).toBe(4002);
    const [row] = await eventually(room, (rows) => rows[0]?.reason !== null);
    expect(row).toMatchObject({ reason: "kicked" });
  });

  it("closes a session left open by a restart of the room as expired", async () => {
    const room = freshRoom();
    await connect(room, { playerId: "sh-erin" });
    await abortAllDurableObjects();
    // The next request constructs the room again, which notices the orphaned session.
    const [row] = await sessions(room);
    expect(row).toMatchObject({ userId: "sh-erin", reason: "expired" });
    expect(row!.disconnectedAt).not.toBeNull();
  });

  it("counts today's sessions in the room's diagnostics", async () => {
    const room = freshRoom();
    for (const id of ["c1", "c2", "c1"]) {
      const { client } = await connect(room, { playerId: id });
      client.close();
      await client.closed();
    }
    expect((await roomDiagnostics(room)).sessionsToday).toBe(3);
  });
});
