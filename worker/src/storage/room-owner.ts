import type { RoomMetaStore } from "./room-meta.ts";

/** The `room_meta` key holding the room owner's playerId. */
const OWNER_KEY = "owner_player_id";

/**
 * The room owner: the first player who ever joined the room, stored in `room_meta` (one row written, once in the
 * room's life). The owner may remove anyone's structures (and, later, moderate chat).
 */
export class RoomOwner {
  private owner: string | undefined;

  constructor(private readonly meta: RoomMetaStore) {
    this.owner = meta.get(OWNER_KEY);
  }

  get playerId(): string | undefined {
    return this.owner;
  }

  /** Call on every admitted join: the first one ever makes that player the owner. */
  noteJoin(playerId: string): void {
    if (this.owner !== undefined) return;
    this.meta.set(OWNER_KEY, playerId);
    this.owner = playerId;
  }

  is(playerId: string): boolean {
    return this.owner === playerId;
  }
}
