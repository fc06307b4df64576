/** The party feature's wire shapes (ARCHITECTURE.md "Play together" → parties). */

/** The most members a party may have: a raid's worth of friends, and what a party frame shows without scrolling. */
export const MAX_PARTY_MEMBERS = 8;

/** Channel `party`: one party member present in the room, as their party sees them (whatever their view). */
export interface PartyFields {
  name: string;
  hp: number;
  maxHp: number;
}

/**
 * A seat reserved for a party member by the leader's matchmake: the room `code`, the one-use `seat` token for
 * `?seat=` on the socket, and when it expires (epoch ms). REST `GET /api/parties/me` names it as `summon`, and a
 * member already in a room gets it as the event `party.summon`.
 */
export interface PartySummonPayload {
  code: string;
  seat: string;
  seatExpiresAt: number;
}

/** A party as the REST API shows it: `members` (oldest first) and `invites` are playerIds. */
export interface PartyInfo {
  id: string;
  leader: string;
  members: string[];
  invites: string[];
}

/** `GET /api/parties/me`. */
export interface MyParty {
  party: PartyInfo | null;
  invitedTo: { id: string; leader: string }[];
  summon: PartySummonPayload | null;
}
