import { WEAPONS, Weapon } from "@edgehold/sim-core";

/** How a species behaves towards players. */
export type Temperament = "skittish" | "predator";

/**
 * One species: its body (hp, weapon), how it wanders, and how it reacts to players. Speeds are duty cycles: a
 * creature drives its body with the same input bits as a player (full acceleration or none), so it walks slower than
 * a player by holding its direction on only some steps (0.35 = about one step in three).
 */
export interface Species {
  readonly id: string;
  /** Names a creature of this species may get in presence (chosen by the room's seeded PRNG). */
  readonly names: readonly string[];
  /** Its share of a room's population when CREATURE_POPULATION is a plain number. */
  readonly share: number;
  readonly maxHp: number;
  /** What it attacks with (`none` = never attacks). */
  readonly weapon: Weapon;
  readonly temperament: Temperament;
  /** Duty cycle while wandering. */
  readonly wanderDuty: number;
  /** A wanderer further than this (m) from where it spawned walks back: a herd stays where it was placed. */
  readonly homeRadius: number;
  /** Reacts (flees or chases) to the nearest living player within this many metres. */
  readonly noticeRadius: number;
  /** Stops reacting once that player is further than this (m): hysteresis, so it does not flicker at the edge. */
  readonly forgetRadius: number;
  /** Duty cycle while fleeing or chasing. */
  readonly reactDuty: number;
  /** Attacks (fire, aimed at the player) within this many metres, centre to centre. 0 = never. */
  readonly attackRange: number;
  /** Stops closing in within this many metres: bodies do not collide, and a wolf inside its prey looks wrong. */
  readonly keepDistance: number;
}

/**
 * The species table. Player speed is 6 m/s (sim-core MAX_SPEED); every distance is in metres.
 *
 * deer — hunted, never hunts.
 * - maxHp 40: two hits of an axe (34), arrow (20) or bolt (22), five daggers (9): a hunt is short, never one click.
 * - wanderDuty 0.35: an amble of ~2 m/s, visibly slower than a player, so a grazing herd reads as calm.
 * - homeRadius 12: a herd keeps to a glade a player can find again.
 * - noticeRadius 8: a player must come closer than a bow shot to spook it, so ranged classes can hunt from cover
 *   and melee-range classes (axe) need to stalk; forgetRadius 14 lets it run ~6 m clear before it calms down.
 * - reactDuty 1: it flees at full speed, as fast as a player: a deer can be shot, never run down.
 *
 * wolf — hunts players.
 * - maxHp 60: two axes, three arrows or bolts, seven daggers: sturdier than a deer. Its bite (12 per 0.8 s, sim-core
 *   weapons.ts) takes 9 bites to kill a 100 hp player, so a lone player beats one wolf and a pack is a real fight.
 * - wanderDuty 0.3: a slow prowl (~1.8 m/s); homeRadius 16: a pack roams a wider patch than a herd.
 * - noticeRadius 10 / forgetRadius 16: it picks up a player a little before a deer would, and follows ~6 m further.
 * - reactDuty 0.8: a chase at ~80 % of a player's speed, so a player who runs escapes and one who stands and fights
 *   gets bitten.
 * - attackRange: the bite's own range (1.2 m from the wolf's centre; it reaches a player whose centre is within
 *   ~1.9 m, body and jaws included), so a bite it tries lands unless the player dodges; keepDistance 0.8: it stops
 *   closing in there, inside its reach, before the two bodies overlap.
 */
export const SPECIES: readonly Species[] = [
  {
    id: "deer",
    names: ["Red Deer", "Roe Deer", "Fallow Deer"],
    share: 2,
    maxHp: 40,
    weapon: Weapon.none,
    temperament: "skittish",
    wanderDuty: 0.35,
    homeRadius: 12,
    noticeRadius: 8,
    forgetRadius: 14,
    reactDuty: 1,
    attackRange: 0,
    keepDistance: 0,
  },
  {
    id: "wolf",
    names: ["Grey Wolf", "Timber Wolf"],
    share: 1,
    maxHp: 60,
    weapon: Weapon.bite,
    temperament: "predator",
    wanderDuty: 0.3,
    homeRadius: 16,
    noticeRadius: 10,
    forgetRadius: 16,
    reactDuty: 0.8,
    attackRange: WEAPONS[Weapon.bite]!.range,
    keepDistance: 0.8,
  },
];
