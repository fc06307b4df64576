import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port.ts";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { FakeClerkApi, rsaKey, sessionToken } from "./support/fake-clerk-api.ts";

const PAGE_ORIGIN = "https://play.example.com";

/** Forged tokens sent in each wave: enough that a fetch per token would be unmistakable. */
const FORGED_PER_WAVE = 12;

interface Answer {
  status: number;
  body: { error?: string; message?: string };
}

const kidMismatch = { status: 401, body: { error: "unauthorized", message: expect.stringMatching(/^jwk_kid_mismatch: /) } };

describe("CLERK_SECRET_KEY: forged tokens do not make the worker call Clerk's API (real wrangler dev)", () => {
  // The key Clerk signs with (the JWKS serves its public half), and an attacker's, named by kids Clerk never had.
  const clerkKey = rsaKey("ins_e2e_signing_key");
  const attackerKey = rsaKey("unused");
  const api = new FakeClerkApi("sk_test_edgehold_e2e", [clerkKey]);
  let server: WranglerDev;

  /** GET /api/characters with the token, as the page calls it. */
  async function charactersWith(token: string): Promise<Answer> {
    const response = await fetch(`${server.url}/api/characters`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  }

  const forged = (wave: string) =>
    Promise.all(Array.from({ length: FORGED_PER_WAVE }, (_, i) => sessionToken({ ...attackerKey, kid: `ins_forged_${wave}_${i}` }, { azp: PAGE_ORIGIN })));

  beforeAll(async () => {
    const apiUrl = await api.listen();
    server = await WranglerDev.start({
      port: await freePort(),
      vars: { CLERK_SECRET_KEY: api.secretKey, CLERK_AUTHORIZED_PARTIES: PAGE_ORIGIN, CLERK_API_URL: apiUrl },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await api.close();
  });

  it("reports in /api/health that tokens are verified with keys fetched from Clerk", async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, auth: { mode: "clerk-secret-key", networkless: false } });
    expect(api.jwksFetches).toBe(0);
  });

  // The isolate starts with no keys. Forged tokens with unknown kids arrive first, all at once with a valid one (an
  // attacker racing real players), then one by one: one JWKS fetch serves them all, and the valid token verifies
  // with the key that fetch brought (a first-come forged token does not lock real players out for the minute).
  it("makes at most one JWKS fetch in the minute for any number of unknown kids, and still verifies valid tokens", async () => {
    const valid = await sessionToken(clerkKey, { sub: "user_alice", azp: PAGE_ORIGIN });
    // The valid token goes last, so a forged one most likely starts the fetch and the valid one waits for it.
    const firstWave = await Promise.all([...(await forged("a")), valid].map(charactersWith));
    const validAnswer = firstWave.pop();
    expect(validAnswer, JSON.stringify(validAnswer)).toMatchObject({ status: 200 });
    for (const answer of firstWave) expect(answer).toEqual(kidMismatch);
    for (const token of await forged("b")) expect(await charactersWith(token)).toEqual(kidMismatch);
    // A forgery naming the real kid is refused by its signature, with no fetch either.
    const wrongSignature = await sessionToken({ ...attackerKey, kid: clerkKey.kid }, { azp: PAGE_ORIGIN });
    expect(await charactersWith(wrongSignature)).toEqual({ status: 401, body: { error: "unauthorized", message: expect.stringMatching(/^token_invalid_signature: /) } });
    expect(await charactersWith(await sessionToken(clerkKey, { sub: "user_bob", azp: PAGE_ORIGIN }))).toMatchObject({ status: 200 });
    expect(api.jwksFetches).toBe(1);
  });
});
