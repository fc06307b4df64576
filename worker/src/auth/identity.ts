import { isValidPlayerId } from "@edgehold/protocol";
import { ApiError } from "../http/api-error.ts";
import { readAuthConfig, warnIfDevMode } from "./auth-config.ts";
import { AuthError, verifySessionToken } from "./verify-session-token.ts";

/** Who a request is from, as established by the worker. */
export interface Identity {
  /** Clerk user id, or the dev-mode player id. Undefined only in dev mode when the client named nobody. */
  userId: string | undefined;
  verified: boolean;
}

/**
 * Establishes the caller's identity. With Clerk configured only a valid session token counts and any
 * client-supplied `devPlayerId` is ignored; in dev mode the client's word is taken.
 */
export async function resolveIdentity(env: Env, token: string | undefined, devPlayerId: string | undefined): Promise<Identity> {
  const config = readAuthConfig(env);
  if (config.mode === "dev") {
    warnIfDevMode(config);
    if (devPlayerId !== undefined && !isValidPlayerId(devPlayerId)) {
      throw new ApiError(400, "invalid_player_id", "playerId must be 1-64 of [A-Za-z0-9_-]", "playerId");
    }
    return { userId: devPlayerId, verified: false };
  }
  try {
    return { userId: await verifySessionToken(token, config), verified: true };
  } catch (error) {
    if (error instanceof AuthError) throw new ApiError(401, "unauthorized", `${error.reason}: ${error.message}`);
    throw error;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim();
}
