import { Weapon } from "./weapons.ts";

/**
 * Each character class's primary attack. The room arms a player's body with it and the page arms its predicting sim
 * the same way, so both must read this one table: a page that armed its body differently would predict shots the
 * room never fires. The numbers behind each weapon are the sim's (assembly/weapons.ts, mirrored as WEAPONS).
 */
const WEAPON_OF_CLASS: Readonly<Record<string, Weapon>> = {
  warrior: Weapon.axe,
  ranger: Weapon.arrow,
  mage: Weapon.bolt,
  rogue: Weapon.dagger,
};

/** The default class: a player without a character (and any class this build does not know) fights as a warrior. */
const DEFAULT_CLASS = "warrior";

export function weaponOfClass(characterClass: string | undefined): Weapon {
  // Own keys only: a class named like an Object.prototype member ("constructor", "toString") is unknown too.
  const known = characterClass !== undefined && Object.hasOwn(WEAPON_OF_CLASS, characterClass);
  return WEAPON_OF_CLASS[known ? characterClass : DEFAULT_CLASS]!;
}

/** Every player's hit points: 12 hits of the weakest weapon (dagger, 9), 3 of the strongest (axe, 34; see WEAPONS). */
export const PLAYER_MAX_HP = 100;
