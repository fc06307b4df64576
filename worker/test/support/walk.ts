import { held, type TestClient } from "./test-client.ts";

/** A player who walks right for `snapshots` snapshots, confirming each (so the room measures its RTT). */
export async function walk(client: TestClient, snapshots: number): Promise<void> {
  let seq = 1;
  for (let i = 0; i < snapshots; i++) {
    client.sendInputs(held({ right: true }, seq, 3));
    seq += 3;
    const tick = client.newestTick;
    await client.nextSnapshot((s) => s.payload.tick > tick);
  }
  await client.roundTrip();
}
