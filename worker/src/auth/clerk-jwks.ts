import { createClerkClient } from "@clerk/backend";
import { decodeJwt } from "@clerk/backend/jwt";
import { AuthError } from "./auth-error.ts";

/**
 * With only CLERK_SECRET_KEY, the worker fetches Clerk's JWKS (through @clerk/backend's Backend API client) at most
 * this often per isolate. @clerk/backend's own `verifyToken({ secretKey })` fetches again for every token whose `kid`
 * it has not cached, so every forged token cost a call to Clerk's API and a flood of them could use up the app's Clerk
 * rate limit. A minute still takes in a rotated key soon enough: Clerk publishes a new key before signing with it.
 */
export const JWKS_REFETCH_INTERVAL_MS = 60_000;

/**
 * Fetched keys are trusted this long (@clerk/backend's own cache lifetime), then fetched again on the next token, so a
 * key Clerk has withdrawn stops verifying within about 5 minutes.
 */
export const JWKS_MAX_AGE_MS = 5 * 60_000;

/**
 * How long a request waits for a JWKS fetch another request started. That fetch is the other request's I/O: if its
 * client goes away the runtime may cancel it, and its promise then never settles. Past this the waiter stops waiting
 * (the fetch counts as failed) and so does everyone after it. Clerk's API answers in well under a second.
 */
export const JWKS_FETCH_WAIT_MS = 3000;

export interface ClerkBackendApi {
  secretKey: string;
  /** Clerk's Backend API base URL (CLERK_API_URL); @clerk/backend's default (https://api.clerk.com) when unset. */
  apiUrl?: string;
}

interface JwksCache {
  /** PEM public key by `kid`, as `verifyToken`'s `jwtKey` takes it. */
  pems: Map<string, string>;
  fetchedAt: number;
  attemptedAt: number;
  lastError?: string;
  /** A fetch under way: a request arriving meanwhile waits for it (JWKS_FETCH_WAIT_MS at most) instead of starting another. */
  inFlight?: { done: Promise<void>; startedAt: number };
}

/** Per isolate, per Backend API (URL and key): one deployment's keys never verify another's tokens. */
const caches = new Map<string, JwksCache>();

/**
 * The PEM key for the token's `kid` from Clerk's JWKS, fetched at most once per JWKS_REFETCH_INTERVAL_MS: a token
 * naming a key the last fetch did not have is refused (`jwk_kid_mismatch`, as @clerk/backend would) without another
 * call to Clerk until the interval has passed. Throws AuthError.
 */
export async function clerkSigningKeyFor(token: string, api: ClerkBackendApi): Promise<string> {
  const kid = tokenKid(token);
  const cache = cacheFor(api);
  await fetchUnderWay(cache);
  const now = Date.now();
  const fresh = now - cache.fetchedAt < JWKS_MAX_AGE_MS;
  if (!(fresh && cache.pems.has(kid)) && now - cache.attemptedAt >= JWKS_REFETCH_INTERVAL_MS) {
    cache.attemptedAt = now;
    const inFlight = { done: refresh(cache, api), startedAt: now };
    cache.inFlight = inFlight;
    await inFlight.done;
    if (cache.inFlight === inFlight) cache.inFlight = undefined;
  }
  if (Date.now() - cache.fetchedAt >= JWKS_MAX_AGE_MS) {
    throw new AuthError("remote_jwk_failed_to_load", `Clerk's JWKS could not be loaded: ${cache.lastError ?? "not fetched yet"}`);
  }
  const pem = cache.pems.get(kid);
  if (pem === undefined) throw new AuthError("jwk_kid_mismatch", `no signing key in Clerk's JWKS matches the token's kid '${kid}'`);
  return pem;
}

/** Waits for a fetch another request has under way, for what is left of its JWKS_FETCH_WAIT_MS. */
async function fetchUnderWay(cache: JwksCache): Promise<void> {
  const inFlight = cache.inFlight;
  if (!inFlight) return;
  const left = inFlight.startedAt + JWKS_FETCH_WAIT_MS - Date.now();
  if (left <= 0) {
    if (cache.inFlight === inFlight) cache.inFlight = undefined;
    return;
  }
  let timer!: ReturnType<typeof setTimeout>; // set by the executor, which runs at once
  await Promise.race([inFlight.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
  clearTimeout(timer);
}

/** The token's `kid`, read with @clerk/backend's decoder (a malformed token throws its TokenVerificationError). */
function tokenKid(token: string): string {
  const kid: unknown = decodeJwt(token).header.kid;
  return typeof kid === "string" ? kid : "";
}

function cacheFor({ secretKey, apiUrl = "" }: ClerkBackendApi): JwksCache {
  const scope = `${apiUrl}|${secretKey}`;
  let cache = caches.get(scope);
  if (!cache) {
    cache = { pems: new Map(), fetchedAt: -Infinity, attemptedAt: -Infinity };
    caches.set(scope, cache);
  }
  return cache;
}

async function refresh(cache: JwksCache, { secretKey, apiUrl }: ClerkBackendApi): Promise<void> {
  try {
    const jwks = await createClerkClient({ secretKey, ...(apiUrl ? { apiUrl } : {}) }).jwks.getJwks();
    const pems = new Map<string, string>();
    for (const key of jwks.keys ?? []) {
      if (key.kty === "RSA" && typeof key.kid === "string") pems.set(key.kid, await spkiPem(key));
    }
    cache.pems = pems;
    cache.fetchedAt = Date.now();
    cache.lastError = undefined;
  } catch (error) {
    cache.lastError = error instanceof Error ? error.message : String(error);
  }
}

/** A JWK as the PEM (SPKI) public key `verifyToken`'s `jwtKey` takes, converted by WebCrypto. */
async function spkiPem(jwk: JsonWebKey): Promise<string> {
  const key = await crypto.subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["verify"]);
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", key)) as ArrayBuffer);
  const base64 = btoa(String.fromCharCode(...spki));
  return `-----BEGIN PUBLIC KEY-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----`;
}
