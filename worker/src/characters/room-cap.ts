import type { RoomEntry, RoomPresenceStore } from "./room-presence.ts";

/** Asks a room whether `connectionId` is still connected there. */
type IsConnected = (entry: RoomEntry) => Promise<boolean>;

/**
 * The rooms-per-user cap, decided when the user enters a room. Past the cap the oldest rooms are evicted — but only
 * rooms where the user is still connected: a room that died without saying goodbye (evicted from memory, crashed,
 * redeployed) left a row that would otherwise count, and closing a live room in place of a dead one loses the user
 * a game. Asking costs one call per room in the list, and only on a join past the cap (at most cap calls), never on
 * an ordinary join.
 */
export class RoomCap {
  constructor(
    private readonly presence: RoomPresenceStore,
    private readonly isConnected: IsConnected,
  ) {}

  /** Records the entry and returns the rooms (oldest first) the user must leave to stay within `cap`, now forgotten. */
  async enter(roomCode: string, connectionId: string, now: number, cap: number): Promise<RoomEntry[]> {
    const others = this.presence.enter(roomCode, connectionId, now);
    if (others.length + 1 <= cap) return [];
    const live = await this.live(others);
    const excess = live.slice(0, Math.max(0, live.length + 1 - cap));
    for (const entry of excess) this.presence.leave(entry.roomCode, entry.connectionId);
    return excess;
  }

  /** The entries whose connection is still in its room; the stale ones are forgotten. */
  private async live(entries: RoomEntry[]): Promise<RoomEntry[]> {
    // A room that cannot be asked counts as live: the cap then holds, at worst closing a room that was gone anyway.
    const connected = await Promise.all(entries.map((entry) => this.isConnected(entry).catch(() => true)));
    return entries.filter((entry, i) => {
      if (!connected[i]) this.presence.leave(entry.roomCode, entry.connectionId);
      return connected[i];
    });
  }
}
