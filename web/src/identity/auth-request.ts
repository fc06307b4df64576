import type { Identity } from "./identity-context.tsx";

/** Headers that say who is calling: a Bearer session token (Clerk) or X-Player-Id (dev mode). */
export async function authHeaders(identity: Identity): Promise<Record<string, string>> {
  if (identity.mode === "dev") return identity.devPlayerId ? { "X-Player-Id": identity.devPlayerId } : {};
  const token = await identity.getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Query parameters for the room socket: browsers cannot set headers on a WebSocket, so the token rides here. */
export async function socketAuthParams(identity: Identity): Promise<Record<string, string>> {
  if (identity.mode === "dev") return identity.devPlayerId ? { playerId: identity.devPlayerId } : {};
  const token = await identity.getToken();
  return token ? { token } : {};
}
