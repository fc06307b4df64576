import { describe, expect, it } from "vitest";
import { EventAction, Feature, Kind, type ResumeTokenEventPayload } from "@edgehold/protocol";
import { connect, freshRoom } from "../support/test-client.ts";
import { mintToken } from "./mint-token.ts";

// This project binds RESUME_TOKEN_TTL_MS=4000: a fresh token is handed out every ~2 s.

describe("resume tokens last as long as the session", () => {
  it("a session older than the token TTL resumes with the last token it was handed", async () => {
    const room = freshRoom("long");
    const token = await mintToken({ sub: "user_long_session", expiresIn: 120 });
    const { client, welcome } = await connect(room, { token });
    const handedOut: ResumeTokenEventPayload[] = [];
    const startedAt = Date.now();
    // Stay connected for longer than one TTL (4 s), collecting the tokens the room hands out.
    while (Date.now() - startedAt < 5000) {
      const event = await client.next((m) => m.kind === Kind.event && m.feature === Feature.session && m.action === EventAction.resumeToken, 4000, "resume_token event");
      handedOut.push(event.payload as ResumeTokenEventPayload);
    }
    expect(handedOut.length).toBeGreaterThanOrEqual(2);
    expect(handedOut.every((t) => t.resumeTokenTtl === 4)).toBe(true);
    expect(new Set(handedOut.map((t) => t.resumeToken)).size).toBe(handedOut.length);
    client.close(4999);
    await client.closed();

    // The welcome's token is past its TTL by now; the last one handed out is not.
    expect(Date.now() - startedAt).toBeGreaterThan(welcome.payload.resumeTokenTtl * 1000);
    const resumed = await connect(room, { token, resumeToken: handedOut.at(-1)!.resumeToken });
    expect(resumed.welcome.payload).toMatchObject({ playerId: "user_long_session", resumed: true });
    resumed.client.close();
  });
});
