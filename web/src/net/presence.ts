/** Who plays an entity, read from the replica's presence channel. */
export interface PresenceInfo {
  entityId: string;
  playerId: string;
  name: string;
  connected: boolean;
  /** `#rrggbb`, or undefined when the server sent none (or something else). */
  color: string | undefined;
  /** A player, or a creature of the room's wildlife (an entry without `kind` is a player: older rooms send none). */
  kind: "player" | "creature";
  /** A creature's species (`deer`, `wolf`, …); undefined for players. */
  species: string | undefined;
  /** A player's character class (its weapon); undefined for creatures. */
  characterClass: string | undefined;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Reads one presence entry, field by field (the replica holds untyped server data). */
export function readPresence(entityId: string, fields: Readonly<Record<string, unknown>>): PresenceInfo {
  const { playerId, name, connected, color, kind, species, characterClass } = fields;
  return {
    entityId,
    playerId: typeof playerId === "string" ? playerId : "",
    name: typeof name === "string" && name.length > 0 ? name : `player ${entityId}`,
    connected: connected !== false,
    color: typeof color === "string" && COLOR.test(color) ? color : undefined,
    kind: kind === "creature" ? "creature" : "player",
    species: kind === "creature" && typeof species === "string" ? species : undefined,
    characterClass: typeof characterClass === "string" ? characterClass : undefined,
  };
}
