import { defaultColor, type Character } from "../characters/character-rules.ts";

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

export function fromAccountCharacter(character: Character): RoomCharacter {
  return {
    id: character.id,
    name: character.name,
    characterClass: character.characterClass,
    color: character.appearance.color,
    cosmetics: [...character.appearance.cosmetics],
  };
}

/** A player with no character still gets one: their display name, a colour from their id, the first class. */
export function defaultCharacter(playerId: string, displayName: string | undefined): RoomCharacter {
  return { id: DEFAULT_CHARACTER_ID, name: displayName ?? playerId, characterClass: "warrior", color: defaultColor(playerId), cosmetics: [] };
}
