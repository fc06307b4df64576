import { socketAuthParams } from "../identity/auth-request.ts";
import type { Identity } from "../identity/identity-context.tsx";
import { roomSocketUrl } from "../net/socket-url.ts";

/**
 * The socket URL builder for a room: who we are (dev player id or a fresh Clerk token, fetched per attempt since
 * tokens expire), the display name for a default character, the stored resume token, and the matchmade seat the
 * lobby's Play got us (`?seat=`). The seat rides on every attempt: once used, the room lets its player back in as
 * anyone returning (their body is there, or a seat is free), so a reconnect never loses by carrying it.
 */
export function socketUrlFor(roomCode: string, identity: Identity, displayName: string, seat?: string) {
  return async (resumeToken: string | undefined): Promise<string> => {
    const auth = await socketAuthParams(identity);
    return roomSocketUrl(window.location, roomCode, { ...auth, name: displayName, resumeToken, seat }, "msgpack");
  };
}
