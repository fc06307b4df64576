import { isValidPlayerId } from "@edgehold/protocol";
import { ApiError } from "../http/api-error.ts";
import { readAuthConfig, warnIfDevMode } from "./auth-config.ts";
import { AuthError } from "./auth-error.ts";
import { verifySessionToken } from "./verify-session-token.ts";

/** Who a request is from, as established by the worker. */
export interface Identity {
  /** Clerk user id, or the dev-mode player id. Undefined only in dev mode when the client named nobody. */
  userId: string | undefined;
  verified: boolean;
  /** The verified session (Clerk mode only): its id and when the token expires. Dev mode has no expiry. */
  session?: { sessionId: string; expiresAt: number };
}

/**
 * Establishes the caller's identity. With Clerk configured only a valid session token counts and any
 * client-supplied `devPlayerId` is ignored; in dev mode (AUTH_MODE=dev) the client's word is taken; an
 * unconfigured deployment trusts nobody (503, normally answered earlier by `requireAuthConfigured`).
 */
export async function resolveIdentity(env: Env, token: string | undefined, devPlayerId: string | undefined): Promise<Identity> {
  const config = readAuthConfig(env);
  if (config.mode === "unconfigured") throw new ApiError(503, "not_configured", config.message);
  if (config.mode === "dev") {
    warnIfDevMode(config);
    if (devPlayerId !== undefined && !isValidPlayerId(devPlayerId)) {
      throw new ApiError(400, "invalid_player_id", "playerId must be 1-64 of [A-Za-z0-9_-]", "playerId");
    }
    return { userId: devPlayerId, verified: false };
  }
  try {
    const session = await verifySessionToken(token, config);
    return { userId: session.userId, verified: true, session: { sessionId: session.sessionId, expiresAt: session.expiresAt } };
  } catch (error) {
    if (error instanceof AuthError) throw new ApiError(401, "unauthorized", `${error.reason}: ${error.message}`);
    throw error;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim();
}
