import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Kind, type WelcomeMessage } from "@edgehold/protocol";
import { freshRoom, TestClient } from "../support/test-client.ts";
import { mintToken, tamper } from "./mint-token.ts";

async function openSocket(room: string, query: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?${new URLSearchParams(query)}`, {
    headers: { Upgrade: "websocket", ...headers },
  });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  socket.accept();
  const client = new TestClient(socket, "msgpack");
  // The welcome, or the close that refuses the join.
  const result = await client.until((): { welcome?: WelcomeMessage; close?: { code: number; reason: string } } | undefined => {
    const welcome = client.received.find((m): m is WelcomeMessage => m.kind === Kind.welcome);
    if (welcome) return { welcome };
    return client.closeEvent ? { close: client.closeEvent } : undefined;
  }, "a welcome or a close");
  return { socket, ...result };
}

function charactersRequest(token: string | undefined, headers: Record<string, string> = {}) {
  return SELF.fetch("http://example.com/api/characters", { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });
}

describe("Clerk mode", () => {
  it("reports the auth mode in /api/health, without listing the authorized parties", async () => {
    const health = (await (await SELF.fetch("http://example.com/api/health")).json()) as { auth: Record<string, unknown> };
    expect(health.auth).toEqual({ mode: "clerk-jwt-key", networkless: true });
    expect(JSON.stringify(health)).not.toContain("play.example.com");
  });

  it("accepts a valid session token on REST", async () => {
    const response = await charactersRequest(await mintToken({ sub: "user_rest_ok" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ characters: [], activeCharacterId: null });
  });

  const badTokens: Array<[string, () => Promise<string | undefined>, RegExp]> = [
    ["missing", async () => undefined, /token_missing/],
    ["expired", () => mintToken({ expiresIn: -120, issuedAgo: 600 }), /expired/i],
    ["tampered", async () => tamper(await mintToken()), /signature|invalid/i],
    ["signed by the wrong key", () => mintToken({}, { wrongKey: true }), /signature|invalid/i],
    ["for another authorized party", () => mintToken({ azp: "https://evil.example.com" }), /authorized.?part|azp/i],
    ["not a JWT", async () => "not-a-jwt", /invalid|malformed|token/i],
    ["without a session id (sid)", () => mintToken({ sid: null }), /session id|sid/i],
    ["expired beyond the clock skew", () => mintToken({ expiresIn: -10, issuedAgo: 70 }), /expired/i],
    ["not valid until beyond the clock skew", () => mintToken({ issuedAgo: -15, expiresIn: 75 }), /not before|nbf|future|iat/i],
  ];

  for (const [what, make, reason] of badTokens) {
    it(`rejects a ${what} token: 401 JSON on REST, close 4001 on the socket`, async () => {
      const token = await make();
      const response = await charactersRequest(token);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe("unauthorized");
      expect(body.message).toMatch(reason);

      const { close, welcome } = await openSocket(freshRoom(), token ? { token } : {});
      expect(welcome).toBeUndefined();
      expect(close?.code).toBe(4001);
      expect(close?.reason).toMatch(reason);
    });
  }

  it("tolerates a few seconds of clock skew: nbf/iat just in the future, exp just past", async () => {
    for (const token of [await mintToken({ issuedAgo: -3 }), await mintToken({ expiresIn: -2, issuedAgo: 62 })]) {
      expect((await charactersRequest(token)).status).toBe(200);
    }
  });

  it("takes the player from the token's sub and ignores a playerId parameter", async () => {
    const token = await mintToken({ sub: "user_alice" });
    const { socket, welcome } = await openSocket(freshRoom(), { token, playerId: "user_bob" });
    expect(welcome?.payload.playerId).toBe("user_alice");
    socket.close();
  });

  it("cannot be talked into another identity by client-sent forwarding headers", async () => {
    const token = await mintToken({ sub: "user_alice" });
    const { socket, welcome } = await openSocket(freshRoom(), { token }, { "x-edgehold-player": "user_bob", "x-edgehold-room": "elsewhere" });
    expect(welcome?.payload.playerId).toBe("user_alice");
    socket.close();
    // REST: X-Player-Id (the dev-mode identity header) means nothing in Clerk mode.
    const own = await mintToken({ sub: "user_forge_a" });
    await SELF.fetch("http://example.com/api/characters", {
      method: "POST",
      headers: { Authorization: `Bearer ${own}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Forged", class: "mage" }),
    });
    const other = await mintToken({ sub: "user_forge_b" });
    const list = (await (await charactersRequest(other, { "X-Player-Id": "user_forge_a" })).json()) as { characters: unknown[] };
    expect(list.characters).toEqual([]);
  });
});
