import { TICK_RATE, WEAPONS, weaponOfClass } from "@edgehold/sim-core";
import { HELD_ITEM_NAMES, heldItemOf } from "../render/held-item.ts";

/** What a class's weapon does, as the characters page says it: read from the sim's weapons table, never copied. */
export interface WeaponFacts {
  /** The weapon as a player names it. */
  weapon: string;
  damage: number;
  /** Metres it flies. */
  range: number;
  /** Seconds between shots (the sim counts steps at TICK_RATE). */
  cooldownSeconds: number;
}

export function weaponFacts(characterClass: string): WeaponFacts {
  const weapon = weaponOfClass(characterClass);
  const stats = WEAPONS[weapon]!;
  return {
    weapon: HELD_ITEM_NAMES[heldItemOf(weapon)],
    damage: stats.damage,
    range: stats.range,
    cooldownSeconds: stats.cooldownSteps / TICK_RATE,
  };
}
