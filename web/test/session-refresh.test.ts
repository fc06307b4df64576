import { decodeMsgpack, PROTOCOL_VERSION } from "@edgehold/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REFRESH_LEAD_MS, REFRESH_RETRY_MS, SessionRefresher } from "../src/identity/session-refresher.ts";
import { tokenExpiresAt } from "../src/identity/session-token.ts";
import { ClientFixture } from "./support/client-fixture.ts";

/** A JWT-shaped token (unsigned: the page never verifies) expiring `inMs` from now (whole seconds, like Clerk). */
function jwt(inMs: number, sub = "user_a"): string {
  const exp = Math.floor((Date.now() + inMs) / 1000);
  const payload = btoa(JSON.stringify({ sub, exp })).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return `eyJhbGciOiJSUzI1NiJ9.${payload}.c2ln`;
}

/** Clerk's 60 s session tokens. */
const TOKEN_LIFETIME_MS = 60_000;

function refresher(getToken: (options?: { skipCache?: boolean }) => Promise<string | null>) {
  const sent: Array<{ seq: number; token: string }> = [];
  let seq = 0;
  const r = new SessionRefresher({
    getToken,
    send: (token) => {
      sent.push({ seq: ++seq, token });
      return seq;
    },
  });
  return { r, sent };
}

describe("session refresh scheduling (Clerk mode)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-06-01T12:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads exp from a JWT payload", () => {
    expect(tokenExpiresAt(jwt(60_000))).toBe(Math.floor((Date.now() + 60_000) / 1000) * 1000);
    expect(tokenExpiresAt("not-a-jwt")).toBeUndefined();
    expect(tokenExpiresAt("a.b.c")).toBeUndefined();
  });

  it("sends a fresh token ~20 s before the held one expires, then again from the acknowledged one", async () => {
    const { r, sent } = refresher(async () => jwt(TOKEN_LIFETIME_MS));
    r.hold(jwt(TOKEN_LIFETIME_MS));
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - REFRESH_LEAD_MS - 1500);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toHaveLength(1);
    expect(tokenExpiresAt(sent[0]!.token)).toBeGreaterThan(Date.now() + 50_000);
    r.acked(sent[0]!.seq);
    // The next one is due ~40 s after the ack, well before the acknowledged token's expiry.
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - REFRESH_LEAD_MS - 1500);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toHaveLength(2);
    r.stop();
  });

  it("asks Clerk for a newly minted token when its cached one is the token the server already holds", async () => {
    const held = jwt(TOKEN_LIFETIME_MS);
    const calls: Array<boolean | undefined> = [];
    const { r, sent } = refresher(async (options) => {
      calls.push(options?.skipCache);
      return options?.skipCache ? jwt(TOKEN_LIFETIME_MS) : held;
    });
    r.hold(held);
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - REFRESH_LEAD_MS);
    expect(calls).toEqual([undefined, true]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.token).not.toBe(held);
    r.stop();
  });

  it("retries every 5 s after a rejection, no ack, or no token, and stops for good on stop()", async () => {
    let available = false;
    const { r, sent } = refresher(async () => (available ? jwt(TOKEN_LIFETIME_MS) : null));
    r.hold(jwt(TOKEN_LIFETIME_MS));
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - REFRESH_LEAD_MS);
    expect(sent).toHaveLength(0);
    available = true;
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(sent).toHaveLength(1);
    r.rejected(sent[0]!.seq);
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(sent).toHaveLength(2);
    // No answer at all (the frame was lost): tried again too.
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(sent).toHaveLength(3);
    r.stop();
    await vi.advanceTimersByTimeAsync(5 * TOKEN_LIFETIME_MS);
    expect(sent).toHaveLength(3);
  });

  it("does nothing without a session token (dev mode)", async () => {
    const getToken = vi.fn(async () => null);
    const { r, sent } = refresher(getToken);
    r.hold(undefined);
    await vi.advanceTimersByTimeAsync(5 * TOKEN_LIFETIME_MS);
    expect(getToken).not.toHaveBeenCalled();
    expect(sent).toHaveLength(0);
  });
});

describe("RoomClient keeps its session and its resume token fresh", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-06-01T12:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function sentCommands(f: ClientFixture): Array<{ seq: number; action?: string; payload?: { token?: string } }> {
    return f.socket.takeSent().map((frame) => decodeMsgpack(frame as Uint8Array) as { seq: number; action?: string; payload?: { token?: string } });
  }

  it("sends session.refresh with a fresh Clerk token before the token the socket was opened with expires", async () => {
    const issued: string[] = [];
    const f = new ClientFixture({
      sessionToken: async () => {
        issued.push(jwt(TOKEN_LIFETIME_MS, `user_${issued.length}`));
        return issued.at(-1)!;
      },
    });
    await f.welcome();
    expect(f.socket.url).toContain(`token=${issued[0]}`);
    sentCommands(f);
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - REFRESH_LEAD_MS);
    const refresh = sentCommands(f).find((m) => m.action === "refresh");
    expect(refresh?.payload?.token).toBe(issued.at(-1));
    expect(refresh?.payload?.token).not.toBe(issued[0]);
    f.client.dispose();
  });

  it("stores the resume token a session.resume_token event hands out", async () => {
    const f = new ClientFixture();
    await f.welcome({ resumeToken: "token-a" });
    expect(f.resumeStore.load("room1")).toBe("token-a");
    f.send({ v: PROTOCOL_VERSION, kind: "event", feature: "session", action: "resume_token", payload: { resumeToken: "token-b", resumeTokenTtl: 600 } });
    expect(f.resumeStore.load("room1")).toBe("token-b");
    // A reconnect presents it.
    f.socket.drop(1006);
    await vi.advanceTimersByTimeAsync(400);
    expect(f.socket.url).toContain("resumeToken=token-b");
    f.client.dispose();
  });
});
