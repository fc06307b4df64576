import { decodeMsgpack } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { ClientFixture } from "./support/client-fixture.ts";

type Sent = { kind: string; action?: string; payload?: { ackTick?: number; inputs?: unknown[] } };

/** What the client sent since the last call, decoded. */
function sent(f: ClientFixture): Sent[] {
  return f.socket.takeSent().map((frame) => decodeMsgpack(frame as Uint8Array) as Sent);
}

const body = { movement: { set: { "1": { x: 0.5, y: 0.5, vx: 0, vy: 0 } } } };

describe("RoomClient confirms what it read (ackTick)", () => {
  it("every input batch and ping carries the newest snapshot tick applied on this connection", async () => {
    const f = new ClientFixture();
    await f.welcome();
    // Nothing applied yet: a ping confirms nothing.
    f.now += 1000;
    f.client.update(f.now, 16);
    expect(sent(f).filter((m) => m.kind === "ping")).toEqual([expect.not.objectContaining({ payload: expect.anything() })]);

    f.snapshot("full", 3, 0, body);
    f.snapshot("delta", 6, 0, {});
    f.client.step(0);
    f.now += 1000;
    f.client.update(f.now, 16);
    const afterTick6 = sent(f);
    expect(afterTick6.find((m) => m.action === "input_batch")?.payload).toMatchObject({ ackTick: 6 });
    expect(afterTick6.find((m) => m.kind === "ping")?.payload).toEqual({ ackTick: 6 });

    f.snapshot("delta", 9, 0, {});
    f.client.step(0);
    f.now += 1000;
    f.client.update(f.now, 16);
    expect(sent(f).map((m) => m.payload?.ackTick)).toEqual([9, 9]);
    f.client.dispose();
  });

  it("a new connection confirms only its own snapshots", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 30, 0, body);
    await f.welcome({ resumed: true });
    f.socket.takeSent();
    f.now += 1000;
    f.client.update(f.now, 16);
    expect(sent(f).filter((m) => m.kind === "ping").map((m) => m.payload?.ackTick)).toEqual([undefined]);
    f.client.dispose();
  });
});
