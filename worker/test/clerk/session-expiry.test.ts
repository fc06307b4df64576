import { describe, expect, it } from "vitest";
import { CloseCode, ErrorCode, Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import { connect, freshRoom, type TestClient } from "../support/test-client.ts";
import { mintToken } from "./mint-token.ts";

// This project binds SESSION_REFRESH_GRACE_MS=1000: a socket outlives its token by ~1 s (+ the 1 s check period).

function refresh(client: TestClient, token: string): number {
  const seq = client.nextSeq();
  client.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "session", action: "refresh", payload: { token } });
  return seq;
}

/** Pings until the socket has been open past `until` (ms epoch); throws if it closes first. */
async function staysOpenUntil(client: TestClient, until: number): Promise<void> {
  while (Date.now() < until) {
    const seq = client.ping();
    await client.next((m) => m.kind === Kind.pong && m.seq === seq, 2000, "pong");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("an open socket does not outlive its session", () => {
  it("closes with 4001 and a reason once the held token has expired and no refresh came", async () => {
    const token = await mintToken({ sub: "user_expiring", expiresIn: 2 });
    const { client, welcome } = await connect(freshRoom(), { token });
    expect(welcome.payload.playerId).toBe("user_expiring");
    const opened = Date.now();
    const closed = await client.closed(10_000);
    expect(closed.code).toBe(CloseCode.unauthorized);
    expect(closed.reason).toMatch(/session expired/);
    // Not before the token's expiry (≤ 2 s) plus the grace (1 s), minus the 1 s tolerance of whole-second exp.
    expect(Date.now() - opened).toBeGreaterThanOrEqual(1000);
  });

  it("stays open past the first token's expiry after a valid session.refresh, which is acked", async () => {
    const token = await mintToken({ sub: "user_refresher", expiresIn: 2 });
    const { client } = await connect(freshRoom(), { token });
    const seq = refresh(client, await mintToken({ sub: "user_refresher", sid: "sess_other_tab", expiresIn: 60 }));
    await client.next((m) => m.kind === Kind.ack && m.seq === seq, 3000, "refresh ack");
    // Well past the first token's expiry (2 s) + grace (1 s) + check period (1 s).
    await staysOpenUntil(client, Date.now() + 5000);
    expect(client.closeEvent).toBeUndefined();
    client.close();
  });

  it("rejects a refresh with another user's token (refresh_rejected) and still closes at expiry", async () => {
    const token = await mintToken({ sub: "user_victim", expiresIn: 2 });
    const { client } = await connect(freshRoom(), { token });
    const seq = refresh(client, await mintToken({ sub: "user_mallory", expiresIn: 60 }));
    const error = await client.next((m) => m.kind === Kind.error && m.seq === seq, 3000, "refresh error");
    expect(error.kind === Kind.error && error.payload).toMatchObject({ code: ErrorCode.refreshRejected, message: expect.stringMatching(/another user/) });
    const closed = await client.closed(10_000);
    expect(closed).toMatchObject({ code: CloseCode.unauthorized, reason: expect.stringMatching(/session expired/) });
  });

  it("rejects a refresh whose token does not verify, naming why", async () => {
    const { client } = await connect(freshRoom(), { token: await mintToken({ sub: "user_badrefresh" }) });
    for (const [bad, why] of [
      [await mintToken({ sub: "user_badrefresh" }, { wrongKey: true }), /signature|invalid/i],
      [await mintToken({ sub: "user_badrefresh", sid: null }), /session id/],
      [await mintToken({ sub: "user_badrefresh", azp: "https://evil.example.com" }), /azp|authorized/i],
    ] as const) {
      const seq = refresh(client, bad);
      const error = await client.next((m) => m.kind === Kind.error && m.seq === seq, 3000, "refresh error");
      expect(error.kind === Kind.error && error.payload.code).toBe(ErrorCode.refreshRejected);
      expect(error.kind === Kind.error && error.payload.message).toMatch(why);
    }
    // A payload that is not a token at all is a protocol error, not a verification.
    const seq = client.nextSeq();
    client.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "session", action: "refresh", payload: { token: "x".repeat(5000) } });
    const invalid = await client.next((m) => m.kind === Kind.error && m.seq === seq, 3000, "invalid payload");
    expect(invalid.kind === Kind.error && invalid.payload.code).toBe(ErrorCode.invalidPayload);
    client.close();
  });
});
