import { Kind } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { ClockedRoom } from "./support/clocked-room.ts";
import { held } from "./support/test-client.ts";

/** What the page sends: an input batch every 50 ms (20/s), a ping every second. */
const BATCH_EVERY_MS = 50;
const PING_EVERY_MS = 1000;
const WINDOW_MS = 3000;

describe("frames sent per player", () => {
  it("is about 10 snapshots and 1 pong a second: input batches are acknowledged by ackInputSeq, not by an ack each", async () => {
    const room = new ClockedRoom("fps");
    const { client } = await room.connect({ playerId: "fps-alice" });
    await room.advance(200);
    await client.nextSnapshot();
    // Three seconds of the room's time as the page spends them. The test's own round trips (so the room has each
    // batch before its time moves) are answered by pongs that are no part of what a page gets: left out of the count.
    const barrierPongs = new Set<number | undefined>([await client.roundTrip()]);
    const from = client.received.length;
    let inputSeq = 0;
    for (let elapsed = 0; elapsed < WINDOW_MS; elapsed += BATCH_EVERY_MS) {
      client.sendInputs(held({ up: true }, ++inputSeq, 1));
      if (elapsed % PING_EVERY_MS === 0) client.ping();
      barrierPongs.add(await client.roundTrip());
      await room.advance(BATCH_EVERY_MS);
    }
    const window = client.received.slice(from).filter((m) => !(m.kind === Kind.pong && barrierPongs.has(m.seq)));
    const perSecond = (window.length * 1000) / WINDOW_MS;
    console.log(`frames per player per second: ${perSecond.toFixed(1)} (${inputSeq} batches sent in ${WINDOW_MS} ms of the room's time)`);
    expect(window.filter((m) => m.kind === Kind.ack)).toEqual([]);
    expect(perSecond).toBeLessThan(14);
    // ...and the snapshots still say which inputs were applied.
    await room.advance(200, { after: [client] });
    await client.nextSnapshot((s) => s.payload.ackInputSeq === inputSeq);
    client.close();
  });
});
