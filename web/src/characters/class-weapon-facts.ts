import { TICK_RATE, WEAPONS, Weapon, weaponOfClass } from "@edgehold/sim-core";

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

const WEAPON_NAMES: Partial<Record<Weapon, string>> = {
  [Weapon.axe]: "throwing axe",
  [Weapon.arrow]: "bow",
  [Weapon.bolt]: "staff",
  [Weapon.dagger]: "daggers",
};

export function weaponFacts(characterClass: string): WeaponFacts {
  const weapon = weaponOfClass(characterClass);
  const stats = WEAPONS[weapon]!;
  return {
    weapon: WEAPON_NAMES[weapon] ?? "none",
    damage: stats.damage,
    range: stats.range,
    cooldownSeconds: stats.cooldownSteps / TICK_RATE,
  };
}
