import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/app.ts";

/**
 * The worker with other settings than this project's (which chooses AUTH_MODE=dev): the same app, the same
 * Durable Object bindings, a different environment per request.
 */
function fetchWith(overrides: Record<string, string | undefined>, path: string, init: RequestInit = {}): Promise<Response> {
  const bindings = { ...env, AUTH_MODE: undefined, CLERK_JWT_KEY: undefined, CLERK_SECRET_KEY: undefined, CLERK_AUTHORIZED_PARTIES: undefined, CLERK_API_URL: undefined, ...overrides };
  return Promise.resolve(app.fetch(new Request(`http://example.com${path}`, init), bindings as Env, createExecutionContext()));
}

const requests: Array<[string, string, RequestInit?]> = [
  ["REST (characters, naming a dev player)", "/api/characters", { headers: { "X-Player-Id": "alice" } }],
  ["room info", "/api/rooms/r1"],
  ["the room socket (before any upgrade)", "/api/rooms/r1/ws?playerId=alice", { headers: { Upgrade: "websocket" } }],
  ["an unknown API path", "/api/nope"],
];

const NO_KEY = "CLERK_JWT_KEY or CLERK_SECRET_KEY";
const PARTIES = "CLERK_AUTHORIZED_PARTIES";

describe("authentication fails closed", () => {
  const unconfigured: Array<[string, Record<string, string | undefined>, string[]]> = [
    ["nothing set", {}, [NO_KEY, PARTIES]],
    ["blank and whitespace values", { AUTH_MODE: "  ", CLERK_JWT_KEY: " \n\t", CLERK_SECRET_KEY: "", CLERK_AUTHORIZED_PARTIES: " , " }, [NO_KEY, PARTIES]],
    ["a mistyped AUTH_MODE", { AUTH_MODE: "deve" }, [NO_KEY, PARTIES]],
    ["a Clerk key without authorized parties (even with AUTH_MODE=dev)", { AUTH_MODE: "dev", CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----x", CLERK_AUTHORIZED_PARTIES: "  " }, [PARTIES]],
    ["a CLERK_API_URL that is not an http(s) URL", { CLERK_SECRET_KEY: "sk_test_x", CLERK_AUTHORIZED_PARTIES: "https://play.example.com", CLERK_API_URL: "api.clerk.com" }, ["CLERK_API_URL"]],
  ];

  for (const [what, settings, missing] of unconfigured) {
    it(`with ${what}: every API and socket request gets 503 not_configured naming ${missing.join(" + ")}`, async () => {
      for (const [name, path, init] of requests) {
        const response = await fetchWith(settings, path, init);
        expect(response.status, name).toBe(503);
        expect(response.webSocket, name).toBeNull();
        const body = (await response.json()) as { error: string; message: string; auth: { mode: string; missing: string[] } };
        expect(body, name).toMatchObject({ error: "not_configured", auth: { mode: "unconfigured", missing } });
        for (const variable of missing) expect(body.message, name).toContain(variable.split(" ")[0]);
      }
      const health = await fetchWith(settings, "/api/health");
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, version: "0.1.0", error: "not_configured", auth: { mode: "unconfigured", missing } });
    });
  }

  it("runs in dev mode only when AUTH_MODE=dev is chosen", async () => {
    const health = await fetchWith({ AUTH_MODE: "dev" }, "/api/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, auth: { mode: "dev" } });
    const characters = await fetchWith({ AUTH_MODE: "dev" }, "/api/characters", { headers: { "X-Player-Id": `dev-${Date.now()}` } });
    expect(characters.status).toBe(200);
  });

  it("prefers Clerk when both AUTH_MODE=dev and a Clerk key are set: the client's player id is not trusted", async () => {
    const settings = { AUTH_MODE: "dev", CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----x", CLERK_AUTHORIZED_PARTIES: "https://play.example.com" };
    const health = await fetchWith(settings, "/api/health");
    expect(await health.json()).toMatchObject({ ok: true, auth: { mode: "clerk-jwt-key", networkless: true } });
    const characters = await fetchWith(settings, "/api/characters", { headers: { "X-Player-Id": "alice" } });
    expect(characters.status).toBe(401);
    expect(await characters.json()).toMatchObject({ error: "unauthorized", message: expect.stringMatching(/token_missing/) });
  });

  it("says in /api/health whether tokens verify without calling Clerk (CLERK_JWT_KEY) or with keys fetched from it", async () => {
    const parties = { CLERK_AUTHORIZED_PARTIES: "https://play.example.com" };
    const secretKey = await fetchWith({ ...parties, CLERK_SECRET_KEY: "sk_test_x" }, "/api/health");
    expect(await secretKey.json()).toMatchObject({ ok: true, auth: { mode: "clerk-secret-key", networkless: false } });
    const both = await fetchWith({ ...parties, CLERK_SECRET_KEY: "sk_test_x", CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----x" }, "/api/health");
    expect(await both.json()).toMatchObject({ ok: true, auth: { mode: "clerk-jwt-key", networkless: true } });
    const dev = await fetchWith({ AUTH_MODE: "dev" }, "/api/health");
    expect(((await dev.json()) as { auth: object }).auth).not.toHaveProperty("networkless");
  });
});
