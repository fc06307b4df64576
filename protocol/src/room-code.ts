import { PLAYER_ID_PATTERN, ROOM_CODE_PATTERN } from "./constants.ts";

/** Returns the canonical (lower-case) room code, or null when the code is not 1–32 of [A-Za-z0-9_-]. */
export function normaliseRoomCode(code: string): string | null {
  return ROOM_CODE_PATTERN.test(code) ? code.toLowerCase() : null;
}

export function isValidPlayerId(id: string): boolean {
  return PLAYER_ID_PATTERN.test(id);
}
