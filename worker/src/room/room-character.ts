import { fnvString } from "@edgehold/sim-core";
import { defaultColor, type Character } from "../characters/character-rules.ts";
import { cleanDisplayName } from "./display-name.ts";

/** How a player appears in this room: the character they play, flattened for the presence channel. */
export interface RoomCharacter {
  /** The account's character id, or `default` for a player without characters. */
  id: string;
  name: string;
  characterClass: string;
  color: string;
  cosmetics: string[];
}

export const DEFAULT_CHARACTER_ID = "default";

/** `character` as `playerId` plays it here (a name stored before today's name rule falls back, see display-name.ts). */
export function fromAccountCharacter(character: Character, playerId: string): RoomCharacter {
  return {
    id: character.id,
    name: cleanDisplayName(character.name) ?? fallbackName(playerId),
    characterClass: character.characterClass,
    color: character.appearance.color,
    cosmetics: [...character.appearance.cosmetics],
  };
}

/**
 * A player with no character still gets one: their display name (already through the name rule) or else
 * fallbackName, a colour from their id, the first class.
 */
export function defaultCharacter(playerId: string, displayName: string | undefined): RoomCharacter {
  return { id: DEFAULT_CHARACTER_ID, name: displayName ?? fallbackName(playerId), characterClass: "warrior", color: defaultColor(playerId), cosmetics: [] };
}

/**
 * The name of a player who gave none (or none acceptable): their player id when it passes the name rule (a guest's
 * `guest-…`), else "Player" and a number from the id, so an id such as "admin" or a 32-character account id never
 * shows as a name. Stable: the same player gets the same one on every join.
 */
export function fallbackName(playerId: string): string {
  return cleanDisplayName(playerId) ?? `Player ${fnvString(playerId) % 10_000}`;
}
