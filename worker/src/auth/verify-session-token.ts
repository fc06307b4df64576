import { verifyToken } from "@clerk/backend";
import type { AuthConfig } from "./auth-config.ts";

/** A token that did not verify, with a reason a developer can act on. */
export class AuthError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** Verifies a Clerk session token and returns the user id (`sub`). Throws AuthError on any failure. */
export async function verifySessionToken(token: string | undefined, config: AuthConfig): Promise<string> {
  if (!token) throw new AuthError("token_missing", "a Clerk session token is required (Authorization: Bearer <token>, or ?token= on the WebSocket)");
  const options = {
    ...(config.jwtKey ? { jwtKey: config.jwtKey } : { secretKey: config.secretKey }),
    ...(config.authorizedParties.length > 0 ? { authorizedParties: config.authorizedParties } : {}),
  };
  let subject: unknown;
  try {
    subject = (await verifyToken(token, options)).sub;
  } catch (error) {
    throw toAuthError(error);
  }
  if (typeof subject !== "string" || subject.length === 0) throw new AuthError("token_invalid", "the token has no subject (sub)");
  return subject;
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const reason = typeof (error as { reason?: unknown })?.reason === "string" ? (error as { reason: string }).reason : "token_invalid";
  const message = error instanceof Error ? error.message : "the token could not be verified";
  return new AuthError(reason.replaceAll("-", "_"), message);
}
