import { abortAllDurableObjects, runInDurableObject, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode, Kind, type ErrorPayload, type MovementInput, type SnapshotMessage } from "@edgehold/protocol";
import { FLOOD_CLOSE_STRIKES, FLOOD_STRIKES } from "../src/room/flood-escalation.ts";
import { system } from "./support/chat-client.ts";
import { place } from "./support/room-internals.ts";
import { connect, freshRoom, held, type TestClient } from "./support/test-client.ts";

type Body = { x: number; y: number };
type Structure = { tx: number; ty: number; kind: string; owner: string; hp: number };

/** The full state of a room as one client sees it now (asks for a resync). */
async function fullSnapshot(client: TestClient): Promise<SnapshotMessage> {
  client.send({ v: 2, kind: "command", seq: client.nextSeq(), feature: "session", action: "resync" });
  return client.nextSnapshot((s) => s.payload.mode === "full");
}

function structures(snapshot: SnapshotMessage): Structure[] {
  return Object.values((snapshot.payload.features.build?.set ?? {}) as Record<string, Structure>);
}

function withBuild(input: MovementInput, build: MovementInput["build"]): MovementInput {
  return { ...input, build };
}

async function joined(room: string, playerId: string) {
  const { client, welcome } = await connect(room, { playerId });
  const first = await client.nextSnapshot((s) => s.payload.mode === "full");
  const me = first.payload.features.movement!.set![welcome.payload.entityId] as Body;
  return { client, welcome, me };
}

describe("building in a live room", () => {
  it("a placed wall is in the next snapshot, blocks the builder walking into it, and survives a restart of the object", async () => {
    const room = freshRoom("build");
    const { client, welcome } = await joined(room, "builder");
    // Out of the spawn ring's protected zone (no walls within 3 m of it), where building is allowed.
    await place(room, "builder", 20.5, 0.5);
    const tx = 22;
    const ty = 0;
    // Input 1 places the wall two tiles to the right; inputs 2..60 hold right (2 s at 30 Hz, far past the wall).
    const inputs = held({ right: true }, 1, 60);
    inputs[0] = withBuild(inputs[0]!, { op: "place", tx, ty, kind: "wall" });
    for (let i = 0; i < inputs.length; i += 15) client.sendInputs(inputs.slice(i, i + 15));

    const placed = await client.nextSnapshot((s) => structures(s).length > 0 || Object.keys(s.payload.features.build?.set ?? {}).length > 0);
    expect(structures(placed)).toEqual([{ tx, ty, kind: "wall", owner: "builder", hp: expect.any(Number) }]);
    await client.nextSnapshot((s) => s.payload.ackInputSeq === 60, 5000);
    const after = (await fullSnapshot(client)).payload.features.movement!.set![welcome.payload.entityId] as Body;
    // Bodies are 0.75 m squares: stopped flush at the wall's face, never inside it.
    expect(after.x).toBe(tx - 0.375);
    client.close();
    await client.closed();

    // Durable before any snapshot showed it: a restart right away keeps it, in the room and in its simulation.
    await abortAllDurableObjects();
    const again = await joined(room, "visitor");
    expect(structures(await fullSnapshot(again.client))).toEqual([{ tx, ty, kind: "wall", owner: "builder", hp: expect.any(Number) }]);
    again.client.close();
  });

  it("rejects with build_rejected and a reason: occupied, not_found, not_owner", async () => {
    const room = freshRoom("build");
    const owner = await joined(room, "owner-1");
    const other = await joined(room, "other-1");
    // A far corner, within reach of both: nobody spawns there.
    await place(room, "owner-1", -57.5, -58.5);
    await place(room, "other-1", -61.5, -58.5);
    const at = { tx: -60, ty: -60 };

    const rejected = async (client: TestClient, build: MovementInput["build"], seq: number) => {
      client.sendInputs([withBuild(held({}, seq, 1)[0]!, build)]);
      return (await client.next((m) => m.kind === "error" && m.payload.code === ErrorCode.buildRejected)).payload;
    };
    // The tile under the player's own body.
    const mine = { tx: -62, ty: -59 };
    expect(await rejected(other.client, { op: "place", ...mine, kind: "crate" }, 1)).toMatchObject({ reason: "occupied", seq: 1 });
    expect(await rejected(other.client, { op: "remove", ...at }, 2)).toMatchObject({ reason: "not_found", seq: 2 });
    // One player builds; another may not remove it.
    owner.client.sendInputs([withBuild(held({}, 1, 1)[0]!, { op: "place", ...at, kind: "crate" })]);
    await other.client.nextSnapshot((s) => structures(s).some((x) => x.tx === at.tx && x.ty === at.ty));
    expect(await rejected(other.client, { op: "remove", ...at }, 3)).toMatchObject({ reason: "not_owner", seq: 3 });
    owner.client.close();
    other.client.close();
  });

  it("shows a player's preview to others, never stores it, and drops it when the player leaves", async () => {
    const room = freshRoom("build");
    const a = await joined(room, "previewer");
    const b = await joined(room, "watcher");
    a.client.send({ v: 2, kind: "command", seq: a.client.nextSeq(), feature: "build", action: "preview", payload: { tx: 5, ty: 6, kind: "wall" } });
    const seen = await b.client.nextSnapshot((s) => s.payload.features.build_preview?.set?.[a.welcome.payload.entityId] !== undefined);
    expect(seen.payload.features.build_preview!.set![a.welcome.payload.entityId]).toEqual({ tx: 5, ty: 6, kind: "wall" });
    const stored = await runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_instance, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM structures").one().n,
    );
    expect(stored).toBe(0);
    a.client.close();
    const gone = await b.client.nextSnapshot((s) => (s.payload.features.build_preview?.remove ?? []).includes(a.welcome.payload.entityId));
    expect(gone.payload.features.build_preview!.remove).toContain(a.welcome.payload.entityId);
    b.client.close();
  });

  it("build.preview over 10/s is rate_limited naming the action; a sustained flood gets the chat mute (told), then 4008, while another player keeps 10 snapshots/s", async () => {
    const room = freshRoom("build-flood");
    const flooder = await joined(room, "preview-flooder");
    const watcher = await joined(room, "preview-watcher");
    const preview = (tx: number) => {
      const seq = flooder.client.nextSeq();
      flooder.client.send({ v: 2, kind: "command", seq, feature: "build", action: "preview", payload: { tx, ty: 1, kind: "wall" } });
      return seq;
    };
    const snapshotTimes: number[] = [];
    watcher.client.socket.addEventListener("message", () => {
      if (watcher.client.received.at(-1)?.kind === Kind.snapshot) snapshotTimes.push(Date.now());
    });
    // Keeps the watcher's connection alive (the idle timeout is 3 s in tests).
    const pinger = setInterval(() => watcher.client.ping(), 500);

    // A burst of 10 fits the budget; the 11th, at once, is refused.
    const burst = Array.from({ length: 11 }, (_, i) => preview(i));
    const refusal = await flooder.client.next((m) => m.kind === Kind.error && m.seq === burst[10]);
    expect(refusal.payload).toEqual({ code: ErrorCode.rateLimited, message: "build.preview: at most 10 previews per second", seq: burst[10], action: "build.preview", secondsLeft: 1 });
    for (const seq of burst.slice(0, 10)) expect(flooder.client.received.some((m) => m.kind === Kind.ack && m.seq === seq)).toBe(true);

    // 40 a second, well within the connection's frame budget (60/s): only the preview budget refuses them.
    const start = Date.now();
    let tx = 0;
    const flood = setInterval(() => {
      if (!flooder.client.closeEvent) preview(tx++ % 20);
    }, 25);
    try {
      const closed = await flooder.client.closed(10_000);
      const end = Date.now();
      expect(closed).toEqual({ code: 4008, reason: "kept flooding after an automatic mute" });
      // The first step was the chat feature's automatic mute, told to the flooder like a chat flooder's.
      expect(await system(flooder.client, (s) => s.mute !== undefined)).toMatchObject({ text: "You are muted for flooding for 1 minute.", mute: { reason: "flood", secondsLeft: 60 } });
      const muteAt = flooder.client.received.findIndex((m) => m.kind === Kind.event && m.action === "system");
      const errors = flooder.client.received.filter((m) => m.kind === Kind.error).map((m) => m.payload as ErrorPayload);
      // Every refusal named the action, none was a protocol strike or a dropped frame, and the last was answered by the close.
      expect(errors.every((e) => e.code === ErrorCode.rateLimited && e.action === "build.preview")).toBe(true);
      expect(errors.length).toBe(FLOOD_STRIKES + FLOOD_CLOSE_STRIKES - 1);
      expect(flooder.client.received.slice(0, muteAt).filter((m) => m.kind === Kind.error).length).toBe(FLOOD_STRIKES - 1);

      // The watcher's snapshot stream through the flood: ~10 per second, and it stays connected.
      const during = snapshotTimes.filter((t) => t >= start && t <= end);
      expect(during.length).toBeGreaterThanOrEqual(5);
      expect((during.length - 1) / ((during.at(-1)! - during[0]!) / 1000)).toBeGreaterThanOrEqual(9);
      await watcher.client.nextSnapshot();
      expect(watcher.client.closeEvent).toBeUndefined();
    } finally {
      clearInterval(flood);
      clearInterval(pinger);
      watcher.client.close();
    }
  }, 20_000);
});
