import { defineService } from "./define-service.ts";

/** Who is in a player's party here: provided by the party feature, used by chat's `party` scope. */
export interface PartyMembers {
  /** The playerIds of `playerId`'s party who are in this room (themself included); undefined: in no party. */
  presentWith(playerId: string): string[] | undefined;
}

export const partyMembers = defineService<PartyMembers>("party_members");
