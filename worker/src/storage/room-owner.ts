import { RoomMetaKey } from "../room/room-settings.ts";
import type { RoomMetaStore } from "./room-meta.ts";

/**
 * The room owner: the player who created the room (`POST /api/rooms`), or whoever they handed it to (`/owner`).
 * A room opened by link that nobody created has none, and owner commands answer `forbidden` there. Stored in
 * `room_meta` (one row, written when it changes). The owner may remove anyone's structures and moderate the room.
 */
export class RoomOwner {
  private owner: string | undefined;

  constructor(private readonly meta: RoomMetaStore) {
    this.owner = meta.get(RoomMetaKey.owner);
  }

  get playerId(): string | undefined {
    return this.owner;
  }

  is(playerId: string): boolean {
    return this.owner === playerId;
  }

  /** Hands the room to `playerId` (stored first). */
  handTo(playerId: string): void {
    this.meta.set(RoomMetaKey.owner, playerId);
    this.owner = playerId;
  }
}
