import { Kind } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { connect, freshRoom, held } from "./support/test-client.ts";

/** What the page sends: an input batch every 50 ms (20/s), a ping every second. */
const BATCH_EVERY_MS = 50;
const PING_EVERY_MS = 1000;
const WINDOW_MS = 3000;

describe("frames sent per player", () => {
  it("is about 10 snapshots and 1 pong a second: input batches are acknowledged by ackInputSeq, not by an ack each", async () => {
    const { client } = await connect(freshRoom(), { playerId: "fps-alice" });
    await client.nextSnapshot();
    const from = client.received.length;
    let inputSeq = 0;
    const started = Date.now();
    let nextPing = started;
    while (Date.now() - started < WINDOW_MS) {
      client.sendInputs(held({ up: true }, ++inputSeq, 1));
      if (Date.now() >= nextPing) {
        client.ping();
        nextPing += PING_EVERY_MS;
      }
      await new Promise((resolve) => setTimeout(resolve, BATCH_EVERY_MS));
    }
    const window = client.received.slice(from);
    const perSecond = (window.length * 1000) / WINDOW_MS;
    console.log(`frames per player per second: ${perSecond.toFixed(1)} (${inputSeq} batches sent in ${WINDOW_MS} ms)`);
    expect(window.filter((m) => m.kind === Kind.ack)).toEqual([]);
    expect(perSecond).toBeLessThan(14);
    // ...and the snapshots still say which inputs were applied.
    await client.nextSnapshot((s) => s.payload.ackInputSeq === inputSeq);
    client.close();
  });
});
