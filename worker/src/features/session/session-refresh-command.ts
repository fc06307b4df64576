import { ErrorCode, type FeatureCommand } from "@edgehold/protocol";
import { isClerk, readAuthConfig } from "../../auth/auth-config.ts";
import { AuthError } from "../../auth/auth-error.ts";
import { verifySessionToken } from "../../auth/verify-session-token.ts";
import type { CommandOutcome, PlayerConnection } from "../room-context.ts";

/**
 * `session.refresh { token }`: the page hands the open socket a fresh Clerk session token before the held one
 * expires. It must verify (same checks as at connect) and be the SAME user; it may come from a new session of that
 * user (they signed in again in this tab), which then becomes the held session. Accepted: the held expiry moves on
 * and the command is acked. Otherwise `refresh_rejected` and the held session is unchanged (so the socket still
 * closes when it runs out).
 */
export async function handleSessionRefresh(env: Env, connection: PlayerConnection, command: FeatureCommand<"session", "refresh">): Promise<CommandOutcome> {
  const held = connection.attachment.session;
  const config = readAuthConfig(env);
  if (!held || !isClerk(config)) return rejected("this connection has no session token to refresh (dev mode)");
  let verified;
  try {
    verified = await verifySessionToken(command.payload.token, config);
  } catch (error) {
    if (error instanceof AuthError) return rejected(`${error.reason}: ${error.message}`);
    throw error;
  }
  if (verified.userId !== connection.playerId) return rejected("the token belongs to another user");
  connection.attachment.session = { sessionId: verified.sessionId, expiresAt: verified.expiresAt };
  // The attachment is what a hibernated room wakes up with: keep the new expiry there too.
  connection.saveAttachment();
  return { ok: true };
}

function rejected(message: string): CommandOutcome {
  // A refused token is no protocol abuse: the page retries, and the socket closes when the session runs out anyway.
  return { ok: false, code: ErrorCode.refreshRejected, message, strike: false };
}
