// The weapons table for hosts: the same numbers as sim-core/assembly/weapons.ts (the one table, with a why for
// each number there). WasmSim compares this mirror with the wasm's table at start-up and refuses a .wasm
// built from other numbers, so a page that reads WEAPONS without an instance reads what the sim does.

/** What a body attacks with (a byte in the sim). Classes → weapons: weaponOfClass (class-weapons.ts). */
export const Weapon = {
  /** Warrior: a heavy throwing axe, short range, slow. */
  axe: 0,
  /** Ranger: a fast arrow, long range. */
  arrow: 1,
  /** Mage: a slower bolt with a small splash. */
  bolt: 2,
  /** Rogue: a quick dagger, rapid fire. */
  dagger: 3,
  /** Wolf: a bite (range 1.2 m). */
  bite: 4,
  /** Cannot attack (deer; a fresh body before combat.arm). */
  none: 5,
} as const;
export type Weapon = (typeof Weapon)[keyof typeof Weapon];

export const WEAPON_COUNT = 6;

export interface WeaponStats {
  /**
   * Hit points a direct hit takes (× 3 / 2 rounded down on a crit: CRIT_NUMERATOR / CRIT_DENOMINATOR in
   * assembly/weapons.ts). Also what a tile loses.
   */
  readonly damage: number;
  /** m/s, straight flight. */
  readonly speed: number;
  /** m flown before it expires. */
  readonly range: number;
  /** Body steps after a shot before the next one (holding fire fires every cooldownSteps steps). */
  readonly cooldownSteps: number;
  /** m the target's box is grown by (a thicker projectile). */
  readonly radius: number;
  /** m around the impact within which other bodies' boxes take splashDamage (0: no splash). */
  readonly splashRadius: number;
  readonly splashDamage: number;
  /** Stamina a shot costs (MAX_STAMINA = 100). */
  readonly staminaCost: number;
  /** Probability (0..1) that a direct hit on a body is a crit. */
  readonly critChance: number;
}

/** The order of the fields in the wasm's table (weaponStat(weapon, field)). */
export const WEAPON_STAT_FIELDS = [
  "damage",
  "speed",
  "range",
  "cooldownSteps",
  "radius",
  "splashRadius",
  "splashDamage",
  "staminaCost",
  "critChance",
] as const satisfies readonly (keyof WeaponStats)[];

/** Indexed by Weapon. */
export const WEAPONS: readonly WeaponStats[] = [
  { damage: 34, speed: 15, range: 7, cooldownSteps: 24, radius: 0.25, splashRadius: 0, splashDamage: 0, staminaCost: 20, critChance: 0.1 },
  { damage: 20, speed: 36, range: 30, cooldownSteps: 15, radius: 0.1, splashRadius: 0, splashDamage: 0, staminaCost: 10, critChance: 0.15 },
  { damage: 22, speed: 12, range: 16, cooldownSteps: 21, radius: 0.2, splashRadius: 1.5, splashDamage: 10, staminaCost: 18, critChance: 0.05 },
  { damage: 9, speed: 24, range: 8, cooldownSteps: 6, radius: 0.1, splashRadius: 0, splashDamage: 0, staminaCost: 6, critChance: 0.2 },
  { damage: 12, speed: 36, range: 1.2, cooldownSteps: 24, radius: 0.3, splashRadius: 0, splashDamage: 0, staminaCost: 0, critChance: 0 },
  { damage: 0, speed: 0, range: 0, cooldownSteps: 0, radius: 0, splashRadius: 0, splashDamage: 0, staminaCost: 0, critChance: 0 },
].map((stats) => Object.freeze(stats));
