import { CloseCode, decodeMsgpack } from "@edgehold/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Backoff } from "../src/net/backoff.ts";
import { ClientFixture } from "./support/client-fixture.ts";
import type { FakeSocket } from "./support/fake-socket.ts";

/** The input seqs in the movement batches a socket sent. */
function sentInputSeqs(socket: FakeSocket): number[] {
  const seqs: number[] = [];
  for (const frame of socket.takeSent()) {
    const message = decodeMsgpack(frame as Uint8Array) as { action?: string; payload?: { inputs?: { seq: number }[] } };
    if (message.action === "input_batch") seqs.push(...(message.payload?.inputs ?? []).map((i) => i.seq));
  }
  return seqs;
}

async function joinedClient(): Promise<ClientFixture> {
  const f = new ClientFixture();
  await f.welcome();
  f.snapshot("full", 3, 0, { movement: { set: { "1": { x: 0, y: 0, vx: 0, vy: 0 } } } });
  return f;
}

describe("reconnection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reconnects after a drop with the stored resume token and re-sends the inputs the server had not applied", async () => {
    const f = await joinedClient();
    for (let i = 0; i < 5; i++) f.client.step(8);
    f.client.update(f.now, 16);
    expect(sentInputSeqs(f.socket)).toEqual([1, 2, 3, 4, 5]);
    expect(f.resumeStore.load("room1")).toBe("token-a");

    f.socket.drop(1006);
    expect(f.client.phase).toBe("reconnecting");
    expect(f.sockets).toHaveLength(1);
    // While down, nothing is predicted (the avatar waits, the server would not move it either).
    f.client.step(8);
    expect(f.client.predictor.pendingCount).toBe(5);

    await vi.advanceTimersByTimeAsync(400);
    expect(f.sockets).toHaveLength(2);
    expect(f.socket.url).toContain("resumeToken=token-a");

    // The room had applied inputs 1–3 before the drop; 4 and 5 were lost in flight.
    await f.welcome({ resumed: true, lastInputSeq: 3, resumeToken: "token-b" });
    expect(f.client.phase).toBe("open");
    expect(sentInputSeqs(f.socket)).toEqual([4, 5]);
    expect(f.resumeStore.load("room1")).toBe("token-b");

    // Numbering continues after the re-sent inputs.
    f.client.step(8);
    f.now += 100;
    f.client.update(f.now, 16);
    expect(sentInputSeqs(f.socket)).toEqual([6]);
  });

  it("starts over (fresh numbering, new prediction) when the server did not resume the session", async () => {
    const f = await joinedClient();
    for (let i = 0; i < 4; i++) f.client.step(1);
    f.client.update(f.now, 16);
    f.socket.drop(1006);
    await vi.advanceTimersByTimeAsync(400);
    await f.welcome({ resumed: false, lastInputSeq: 0 });
    expect(f.client.predictor.ready).toBe(false);
    f.snapshot("full", 9, 0, { movement: { set: { "1": { x: 5, y: 5, vx: 0, vy: 0 } } } });
    f.client.step(1);
    f.now += 100;
    f.client.update(f.now, 16);
    expect(sentInputSeqs(f.socket)).toEqual([1]);
  });

  it("backs off exponentially while the server stays away, and retries fast again after a session", async () => {
    const f = await joinedClient();
    f.socket.drop(1006);
    const attemptsAt: number[] = [];
    for (let t = 0; t < 8000; t += 50) {
      await vi.advanceTimersByTimeAsync(50);
      if (f.sockets.length > attemptsAt.length + 1) {
        attemptsAt.push(t + 50);
        f.socket.drop(1006);
      }
    }
    const gaps = attemptsAt.map((t, i) => t - (attemptsAt[i - 1] ?? 0));
    expect(gaps.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < Math.min(gaps.length, 4); i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    expect(f.client.phase).toBe("reconnecting");
  });

  it.each([
    [CloseCode.sessionReplaced, "another tab"],
    [CloseCode.unauthorized, "not signed in"],
    [CloseCode.roomFull, "full"],
    // Reconnecting would close another of the user's rooms in turn.
    [CloseCode.tooManyRooms, "too many rooms"],
  ])("gives up on close code %i and says why", async (code, why) => {
    const f = await joinedClient();
    f.socket.drop(code);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.sockets).toHaveLength(1);
    expect(f.client.phase).toBe("closed");
    expect(f.client.phaseDetail).toContain(why);
  });

  it("reconnects after an idle close (4009): the tab is back, so it is not idle any more", async () => {
    const f = await joinedClient();
    f.socket.drop(CloseCode.idleTimeout);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.sockets.length).toBeGreaterThan(1);
    expect(f.client.phase).not.toBe("closed");
  });

  it("closes its socket normally and never reconnects after dispose", async () => {
    const f = await joinedClient();
    const socket = f.socket;
    f.client.dispose();
    expect(socket.closedWith?.code).toBe(1000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.sockets).toHaveLength(1);
  });
});

describe("backoff", () => {
  it("doubles from 250 ms to a 5 s ceiling, within ±20% jitter", () => {
    const low = new Backoff(() => 0);
    const high = new Backoff(() => 1);
    const lows = Array.from({ length: 7 }, () => low.next());
    const highs = Array.from({ length: 7 }, () => high.next());
    expect(lows).toEqual([200, 400, 800, 1600, 3200, 4000, 4000]);
    expect(highs).toEqual([300, 600, 1200, 2400, 4800, 6000, 6000]);
    low.reset();
    expect(low.next()).toBe(200);
  });
});
