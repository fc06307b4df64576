import { ErrorCode, Kind, PROTOCOL_VERSION, type ServerMessage, type SessionRefreshCommand } from "@edgehold/protocol";
import { isClerk, readAuthConfig } from "../../auth/auth-config.ts";
import { AuthError, verifySessionToken } from "../../auth/verify-session-token.ts";
import type { Connection } from "../../room/connection.ts";

/**
 * `session.refresh { token }`: the page hands the open socket a fresh Clerk session token before the held one
 * expires. It must verify (same checks as at connect) and be the SAME user; it may come from a new session of that
 * user (they signed in again in this tab), which then becomes the held session. Accepted: the held expiry moves on
 * and the command is acked. Otherwise `refresh_rejected` and the held session is unchanged (so the socket still
 * closes when it runs out).
 */
export async function handleSessionRefresh(env: Env, connection: Connection, command: SessionRefreshCommand): Promise<ServerMessage> {
  const held = connection.attachment.session;
  const config = readAuthConfig(env);
  if (!held || !isClerk(config)) return rejected(command.seq, "this connection has no session token to refresh (dev mode)");
  let verified;
  try {
    verified = await verifySessionToken(command.payload.token, config);
  } catch (error) {
    if (error instanceof AuthError) return rejected(command.seq, `${error.reason}: ${error.message}`);
    throw error;
  }
  if (verified.userId !== connection.playerId) return rejected(command.seq, "the token belongs to another user");
  connection.attachment.session = { sessionId: verified.sessionId, expiresAt: verified.expiresAt };
  // The attachment is what a hibernated room wakes up with: keep the new expiry there too.
  connection.socket.serializeAttachment(connection.attachment);
  return { v: PROTOCOL_VERSION, kind: Kind.ack, seq: command.seq, payload: { seq: command.seq } };
}

function rejected(seq: number, message: string): ServerMessage {
  return { v: PROTOCOL_VERSION, kind: Kind.error, seq, payload: { code: ErrorCode.refreshRejected, message, seq } };
}
