import { describe, expect, it } from "vitest";
import { EventAction, Feature, Kind, type ResumeTokenEventPayload } from "@edgehold/protocol";
import { ClockedRoom } from "../support/clocked-room.ts";
import { mintToken } from "./mint-token.ts";

// This project binds RESUME_TOKEN_TTL_MS=4000: a fresh token is handed out every ~2 s of the room's time.

describe("resume tokens last as long as the session", () => {
  it("a session older than the token TTL resumes with the last token it was handed", async () => {
    const room = new ClockedRoom("long");
    const token = await mintToken({ sub: "user_long_session", expiresIn: 120 });
    const { client, welcome } = await room.connect({ token });
    // Five seconds of the room's time: longer than one TTL (4 s). Then what the room handed out meanwhile.
    for (let elapsed = 0; elapsed < 5000; elapsed += 500) await room.advance(500, { after: [client] });
    await client.roundTrip();
    const handedOut = client.received
      .filter((m) => m.kind === Kind.event && m.feature === Feature.session && m.action === EventAction.resumeToken)
      .map((m) => m.payload as ResumeTokenEventPayload);
    expect(handedOut.length).toBeGreaterThanOrEqual(2);
    expect(handedOut.every((t) => t.resumeTokenTtl === 4)).toBe(true);
    expect(new Set(handedOut.map((t) => t.resumeToken)).size).toBe(handedOut.length);
    client.close(4999);
    await client.closed();

    // The welcome's token is past its TTL by now (in the room's time); the last one handed out is not.
    expect(welcome.payload.resumeTokenTtl * 1000).toBeLessThan(5000);
    const resumed = await room.connect({ token, resumeToken: handedOut.at(-1)!.resumeToken });
    expect(resumed.welcome.payload).toMatchObject({ playerId: "user_long_session", resumed: true });
    resumed.client.close();
  });
});
