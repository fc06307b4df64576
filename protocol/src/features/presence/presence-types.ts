/** Presence of one entity: a player's, or a creature's (wildlife). `kind` tells which. */
export type PresenceFields = PlayerPresenceFields | CreaturePresenceFields;

/** Presence of one player entity: who plays it and how their character looks. */
export interface PlayerPresenceFields {
  kind: "player";
  playerId: string;
  /** The character's name (or the player's display name for a default character). */
  name: string;
  connected: boolean;
  characterId: string;
  characterClass: string;
  /** `#rrggbb`. */
  color: string;
  /** Worn cosmetics, comma-separated (flat fields keep presence deltas simple). */
  cosmetics: string;
}

/** Presence of one creature: what it is (`deer`, `wolf`, …) and what it is called ("Grey Wolf"). */
export interface CreaturePresenceFields {
  kind: "creature";
  species: string;
  name: string;
}

/** `presence.join`: a player entered the room (sent to everyone else). */
export interface JoinEventPayload {
  entityId: string;
  playerId: string;
  name: string;
}

/** `presence.leave`: a player's entity left the room. */
export interface LeaveEventPayload {
  entityId: string;
  playerId: string;
  reason: string;
}
