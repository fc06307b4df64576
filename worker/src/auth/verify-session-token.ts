import { verifyToken } from "@clerk/backend";
import type { ClerkConfig } from "./auth-config.ts";
import { AuthError } from "./auth-error.ts";
import { clerkSigningKeyFor } from "./clerk-jwks.ts";

/** What a verified Clerk session token says. */
export interface VerifiedSession {
  /** Clerk user id (`sub`). */
  userId: string;
  /** Clerk session id (`sid`): every session token has one; a token without it is not a session token. */
  sessionId: string;
  /** When the token expires (`exp`), ms since the epoch. An open socket holding it is closed after this + grace. */
  expiresAt: number;
}

/**
 * Allowed difference between Clerk's clock and ours when checking `exp`, `nbf` and `iat`. Clerk's session tokens live
 * 60 s, so a few seconds of drift (an edge machine's clock, a token minted a moment "in the future") must not reject
 * valid players, while 5 s keeps an expired token from being usable for long. (Also @clerk/backend's default; set
 * here so it is a decision, not an accident.)
 */
export const CLOCK_SKEW_MS = 5000;

/**
 * Verifies a Clerk session token (signature, `exp`/`nbf`/`iat` within skew, `azp`, `sid`). Throws AuthError. Both Clerk
 * modes verify with `verifyToken`'s networkless `jwtKey`: CLERK_JWT_KEY, or the key for the token's `kid` from Clerk's
 * JWKS, fetched at most once a minute (clerk-jwks.ts).
 */
export async function verifySessionToken(token: string | undefined, config: ClerkConfig): Promise<VerifiedSession> {
  if (!token) throw new AuthError("token_missing", "a Clerk session token is required (Authorization: Bearer <token>, or ?token= on the WebSocket)");
  let claims: { sub?: unknown; sid?: unknown; exp?: unknown };
  try {
    const jwtKey = config.mode === "clerk-jwt-key" ? config.jwtKey : await clerkSigningKeyFor(token, config);
    claims = await verifyToken(token, { jwtKey, authorizedParties: config.authorizedParties, clockSkewInMs: CLOCK_SKEW_MS });
  } catch (error) {
    throw toAuthError(error);
  }
  const { sub, sid, exp } = claims;
  if (typeof sub !== "string" || sub.length === 0) throw new AuthError("token_invalid", "the token has no subject (sub)");
  if (typeof sid !== "string" || sid.length === 0) throw new AuthError("token_invalid", "the token has no session id (sid): not a Clerk session token");
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw new AuthError("token_invalid", "the token has no expiry (exp)");
  return { userId: sub, sessionId: sid, expiresAt: exp * 1000 };
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const reason = typeof (error as { reason?: unknown })?.reason === "string" ? (error as { reason: string }).reason : "token_invalid";
  const message = error instanceof Error ? error.message : "the token could not be verified";
  return new AuthError(reason.replaceAll("-", "_"), message);
}
