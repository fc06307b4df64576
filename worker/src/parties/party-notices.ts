import type { PartySummonPayload } from "@edgehold/protocol";

/**
 * What a party's Durable Object tells a room (RoomDurableObject.notify("party", notice, payload)), handled by the
 * room's party feature (features/party/party-server.ts).
 */
export const PARTY_NOTICES = { members: "members", summon: "summon" } as const;

/**
 * `members`: the party's members now (empty: it ended); the room drops whoever it held in that party and is not
 * listed. `version`: the party's count of its changes, this one's (a room ignores a notice older than what it holds:
 * features/party/party-versions.ts).
 */
export interface PartyMembersNotice {
  partyId: string;
  members: string[];
  version: number;
}

/** A party's answer to a room that asked at a join (PartyDurableObject.enterRoom): its members, at `version`. */
export interface PartyMembersAnswer {
  members: string[];
  version: number;
}

/** `summon`: deliver `party.summon` to `playerId` if they are in the room. */
export interface PartySummonNotice {
  playerId: string;
  summon: PartySummonPayload;
}
