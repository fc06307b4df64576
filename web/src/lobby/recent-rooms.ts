import { normaliseRoomCode } from "@edgehold/protocol";

/** Rooms this browser visited, newest first, in localStorage. Eight fit the lobby without scrolling. */
const KEY = "edgehold.recentRooms";
const MAX_RECENT = 8;

export interface RecentRoom {
  code: string;
  /** When it was last opened (ms since epoch). */
  at: number;
}

export function loadRecentRooms(storage: Storage = localStorage): RecentRoom[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(KEY) ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const rooms: RecentRoom[] = [];
  for (const item of parsed) {
    if (typeof item !== "object" || item === null) continue;
    const code = "code" in item && typeof item.code === "string" ? normaliseRoomCode(item.code) : null;
    const at = "at" in item && typeof item.at === "number" ? item.at : 0;
    if (code && !rooms.some((r) => r.code === code)) rooms.push({ code, at });
  }
  return rooms.slice(0, MAX_RECENT);
}

export function rememberRoom(code: string, storage: Storage = localStorage, now = Date.now()): void {
  const rooms = [{ code, at: now }, ...loadRecentRooms(storage).filter((r) => r.code !== code)].slice(0, MAX_RECENT);
  try {
    storage.setItem(KEY, JSON.stringify(rooms));
  } catch {
    // Storage full or disabled: the list is a convenience.
  }
}
