import { RoomMetaStore } from "../../storage/room-meta.ts";
import type { SqlExec } from "../../storage/rows-written.ts";

/** The `room_meta` key of the profanity filter setting: absent or "on" = masking, "off" = lines pass as typed. */
const FILTER_KEY = "chat_filter";

/** The room's chat settings, set by the room owner (`/filter on|off`) and stored in `room_meta`. */
export class ChatSettings {
  private readonly meta: RoomMetaStore;
  private filterOn: boolean;

  constructor(sql: SqlExec) {
    this.meta = new RoomMetaStore(sql);
    this.filterOn = this.meta.get(FILTER_KEY) !== "off";
  }

  get profanityFilter(): boolean {
    return this.filterOn;
  }

  setProfanityFilter(on: boolean): void {
    this.meta.set(FILTER_KEY, on ? "on" : "off");
    this.filterOn = on;
  }
}
