import { it } from "vitest";
import { connect, freshRoom } from "../support/test-client.ts";
it("clean close", async () => {
  const { client } = await connect(freshRoom(), { playerId: "a" });
  await client.nextSnapshot();
  client.close();
  await client.closed();
  console.log("closed cleanly", Date.now());
  await new Promise((r) => setTimeout(r, 1500));
  console.log("after wait", Date.now());
});
