import { createPublicKey } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clerkSigningKeyFor, JWKS_FETCH_WAIT_MS, JWKS_MAX_AGE_MS, JWKS_REFETCH_INTERVAL_MS } from "../src/auth/clerk-jwks.ts";
import { FakeClerkApi, rsaKey, type TestKey } from "./support/fake-clerk-api.ts";

/**
 * When the worker fetches Clerk's JWKS again, over minutes: the module the worker runs, against a real HTTP server
 * standing in for Clerk's API, with only the clock faked (wrangler dev's clock cannot be moved; the throttle itself is
 * tested there, clerk-jwks-throttle.e2e.test.ts).
 */
describe("the JWKS is fetched again once the minute is over, and every 5 minutes", () => {
  const servers: FakeClerkApi[] = [];

  /** A fake Clerk API with its own secret key, so each test starts from an empty cache. */
  async function clerkApi(keys: TestKey[]) {
    const api = new FakeClerkApi(`sk_test_${servers.length}_${Date.now()}`, keys);
    servers.push(api);
    const apiUrl = await api.listen();
    return { api, keyFor: (kid: string) => clerkSigningKeyFor(`${header(kid)}.e30.c2ln`, { secretKey: api.secretKey, apiUrl }) };
  }

  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: Date.now() }));
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(servers.splice(0).map((api) => api.close()));
  });

  it("takes in a key Clerk publishes later, after at most a minute, with one more fetch", async () => {
    const first = rsaKey("ins_first");
    const { api, keyFor } = await clerkApi([first]);
    expect(await keyFor("ins_first")).toBe(pemOf(first));
    const rotated = rsaKey("ins_rotated");
    api.keys = [first, rotated];
    await expect(keyFor("ins_rotated")).rejects.toMatchObject({ reason: "jwk_kid_mismatch" });
    vi.advanceTimersByTime(JWKS_REFETCH_INTERVAL_MS - 1000);
    await expect(keyFor("ins_rotated")).rejects.toMatchObject({ reason: "jwk_kid_mismatch" });
    expect(api.jwksFetches).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(await keyFor("ins_rotated")).toBe(pemOf(rotated));
    expect(await keyFor("ins_first")).toBe(pemOf(first));
    expect(api.jwksFetches).toBe(2);
  });

  it("stops verifying with a key Clerk withdrew once the keys are 5 minutes old", async () => {
    const withdrawn = rsaKey("ins_withdrawn");
    const { api, keyFor } = await clerkApi([withdrawn]);
    expect(await keyFor("ins_withdrawn")).toBe(pemOf(withdrawn));
    api.keys = [rsaKey("ins_current")];
    vi.advanceTimersByTime(JWKS_MAX_AGE_MS - 1000);
    expect(await keyFor("ins_withdrawn")).toBe(pemOf(withdrawn));
    expect(api.jwksFetches).toBe(1);
    vi.advanceTimersByTime(1000);
    await expect(keyFor("ins_withdrawn")).rejects.toMatchObject({ reason: "jwk_kid_mismatch" });
    expect(api.jwksFetches).toBe(2);
  });

  it("refuses tokens while Clerk's API fails, asking it again at most once a minute", async () => {
    const key = rsaKey("ins_key");
    const { api, keyFor } = await clerkApi([key]);
    api.failWith = 503;
    for (let i = 0; i < 5; i++) await expect(keyFor("ins_key")).rejects.toMatchObject({ reason: "remote_jwk_failed_to_load" });
    expect(api.jwksFetches).toBe(1);
    api.failWith = undefined;
    vi.advanceTimersByTime(JWKS_REFETCH_INTERVAL_MS);
    expect(await keyFor("ins_key")).toBe(pemOf(key));
    expect(api.jwksFetches).toBe(2);
  });

  // The fetch belongs to the request that started it; if that request is cancelled (its client gone), the fetch may
  // never settle, and requests waiting on it must not wait with it.
  it("waits at most JWKS_FETCH_WAIT_MS for a fetch another request started", async () => {
    const { api, keyFor } = await clerkApi([rsaKey("ins_key")]);
    api.delayMs = 60_000;
    void keyFor("ins_key").catch(() => {});
    await vi.waitFor(() => expect(api.jwksFetches).toBe(1));
    const started = performance.now();
    await expect(keyFor("ins_key")).rejects.toMatchObject({ reason: "remote_jwk_failed_to_load" });
    expect(performance.now() - started).toBeGreaterThan(JWKS_FETCH_WAIT_MS - 500);
    expect(performance.now() - started).toBeLessThan(JWKS_FETCH_WAIT_MS + 1500);
    // Once the wait is over, nobody waits on that fetch any more.
    vi.advanceTimersByTime(JWKS_FETCH_WAIT_MS);
    const later = performance.now();
    await expect(keyFor("ins_key")).rejects.toMatchObject({ reason: "remote_jwk_failed_to_load" });
    expect(performance.now() - later).toBeLessThan(500);
    expect(api.jwksFetches).toBe(1);
  });
});

/** A token header naming `kid` (the rest of the token does not matter for finding its key). */
function header(kid: string): string {
  return Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid })).toString("base64url");
}

/** The key's public half as Node writes it in PEM, to compare with what the worker converted. */
function pemOf(key: TestKey): string {
  return createPublicKey({ key: key.publicJwk, format: "jwk" }).export({ type: "spki", format: "pem" }).toString().trim();
}
