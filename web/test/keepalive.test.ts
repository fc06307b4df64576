import { decodeMsgpack } from "@edgehold/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ClientFixture } from "./support/client-fixture.ts";
import type { FakeSocket } from "./support/fake-socket.ts";

function sentPings(socket: FakeSocket): number {
  return socket.takeSent().filter((frame) => (decodeMsgpack(frame as Uint8Array) as { kind?: string }).kind === "ping").length;
}

describe("keep-alive in a hidden tab", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("pings about once a second from a timer when the frame loop does not run (requestAnimationFrame stops in a hidden tab)", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.socket.takeSent();
    // No update(now) calls at all: only timers run, as in a background tab. The room's idle timeout is 60 s.
    for (let second = 0; second < 10; second++) {
      f.now += 1000;
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(sentPings(f.socket)).toBeGreaterThanOrEqual(9);
    f.client.dispose();
  });

  it("sends no extra pings while the frame loop already pings, and none after dispose", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.socket.takeSent();
    for (let frame = 0; frame < 60; frame++) {
      f.now += 100;
      f.client.update(f.now, 100);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(sentPings(f.socket)).toBeLessThanOrEqual(7);
    f.client.dispose();
    f.now += 5000;
    await vi.advanceTimersByTimeAsync(5000);
    expect(sentPings(f.socket)).toBe(0);
  });
});
