import { describe, expect, it } from "vitest";
import { CloseCode, ErrorCode, Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import { ClockedRoom } from "../support/clocked-room.ts";
import { connect, freshRoom, type TestClient } from "../support/test-client.ts";
import { mintToken } from "./mint-token.ts";

// This project binds SESSION_REFRESH_GRACE_MS=1000: a socket outlives its token by ~1 s (+ the 1 s check period),
// in the room's time (the rooms here run on a clock the test moves: support/clocked-room.ts).

function refresh(client: TestClient, token: string): number {
  const seq = client.nextSeq();
  client.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "session", action: "refresh", payload: { token } });
  return seq;
}

/** Moves `room`'s time `ms` forward in half seconds, `client` heard before each (a ping); stops early if it closes. */
async function pass(room: ClockedRoom, client: TestClient, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms && !client.closeEvent; elapsed += 500) await room.advance(500, { after: [client] });
}

describe("an open socket does not outlive its session", () => {
  it("closes with 4001 and a reason once the held token has expired and no refresh came", async () => {
    const token = await mintToken({ sub: "user_expiring", expiresIn: 2 });
    const room = new ClockedRoom("expiry");
    const { client, welcome } = await room.connect({ token });
    expect(welcome.payload.playerId).toBe("user_expiring");
    // Not before the token's expiry (≤ 2 s, whole seconds) plus the grace (1 s): still open a second in.
    await pass(room, client, 1000);
    await client.roundTrip();
    // Past them and the 1 s check period: closed.
    await pass(room, client, 4000);
    const closed = await client.closed();
    expect(closed.code).toBe(CloseCode.unauthorized);
    expect(closed.reason).toMatch(/session expired/);
  });

  it("stays open past the first token's expiry after a valid session.refresh, which is acked", async () => {
    const token = await mintToken({ sub: "user_refresher", expiresIn: 2 });
    const room = new ClockedRoom("refresh");
    const { client } = await room.connect({ token });
    const seq = refresh(client, await mintToken({ sub: "user_refresher", sid: "sess_other_tab", expiresIn: 60 }));
    await client.next((m) => m.kind === Kind.ack && m.seq === seq, 3000, "refresh ack");
    // Well past the first token's expiry (2 s) + grace (1 s) + check period (1 s).
    await pass(room, client, 5000);
    await client.roundTrip();
    expect(client.closeEvent).toBeUndefined();
    client.close();
  });

  it("rejects a refresh with another user's token (refresh_rejected) and still closes at expiry", async () => {
    const token = await mintToken({ sub: "user_victim", expiresIn: 2 });
    const room = new ClockedRoom("mallory");
    const { client } = await room.connect({ token });
    const seq = refresh(client, await mintToken({ sub: "user_mallory", expiresIn: 60 }));
    const error = await client.next((m) => m.kind === Kind.error && m.seq === seq, 3000, "refresh error");
    expect(error.kind === Kind.error && error.payload).toMatchObject({ code: ErrorCode.refreshRejected, message: expect.stringMatching(/another user/) });
    await pass(room, client, 5000);
    const closed = await client.closed();
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
