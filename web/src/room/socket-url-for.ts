import { socketAuthParams } from "../identity/auth-request.ts";
import type { Identity } from "../identity/identity-context.tsx";
import { roomSocketUrl } from "../net/socket-url.ts";

/**
 * The socket URL builder for a room: who we are (dev player id or a fresh Clerk token, fetched per attempt since
 * tokens expire), the display name for a default character, and the stored resume token.
 */
export function socketUrlFor(roomCode: string, identity: Identity, displayName: string) {
  return async (resumeToken: string | undefined): Promise<string> => {
    const auth = await socketAuthParams(identity);
    return roomSocketUrl(window.location, roomCode, { ...auth, name: displayName, resumeToken }, "msgpack");
  };
}
