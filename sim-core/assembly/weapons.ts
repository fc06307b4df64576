// The one table of attacks. Every attack in the game is a projectile of one of these weapons; the page reads the
// same numbers (sim-core/src/weapons.ts mirrors them and WasmSim refuses a .wasm whose table differs).
//
// The yardsticks: players have 100 hp and run at MAX_SPEED = 6 m/s; a fight between two players who land their
// shots should last a few seconds (2–3 s of perfect aim, longer with misses), never one lucky shot. Each player
// weapon reaches at least 5 m. Flight is straight at `speed` for `range` metres (see projectiles.ts); `radius`
// grows the target's box (a thicker projectile is easier to land); splash hits other bodies whose box lies within
// `splashRadius` of the impact. Stamina regenerates 15 per second (constants.ts), below every weapon's cost per
// second at full fire rate, so spamming drains the bar while a fight does not. A crit multiplies the damage by 1.5
// (see CRIT_NUMERATOR below).

export const WEAPON_AXE: i32 = 0;
export const WEAPON_ARROW: i32 = 1;
export const WEAPON_BOLT: i32 = 2;
export const WEAPON_DAGGER: i32 = 3;
export const WEAPON_BITE: i32 = 4;
/** Cannot attack (deer): the fire bit is ignored. The default of a freshly spawned body. */
export const WEAPON_NONE: i32 = 5;
export const WEAPON_COUNT: i32 = 6;

// The fields of a weapon, in the order the wasm exports them (weaponStat(weapon, field)).
export const STAT_DAMAGE: i32 = 0;
export const STAT_SPEED: i32 = 1;
export const STAT_RANGE: i32 = 2;
export const STAT_COOLDOWN_STEPS: i32 = 3;
export const STAT_RADIUS: i32 = 4;
export const STAT_SPLASH_RADIUS: i32 = 5;
export const STAT_SPLASH_DAMAGE: i32 = 6;
export const STAT_STAMINA_COST: i32 = 7;
export const STAT_CRIT_CHANCE: i32 = 8;
export const STAT_COUNT: i32 = 9;

/**
 * A crit deals damage × 3 / 2, rounded down (whole hit points). ×1.5 rather than ×2: a crit then saves at most one
 * hit of a fight (an arrow's 5 hits to kill become 4 with one crit; ×2 would make it 3, and luck rather than aim
 * would decide fights). Integer arithmetic, so every host rounds alike.
 */
export const CRIT_NUMERATOR: i32 = 3;
export const CRIT_DENOMINATOR: i32 = 2;

const WEAPONS_PTR: usize = memory.data(WEAPON_COUNT * STAT_COUNT * 8, 16);

function statPtr(weapon: i32, field: i32): usize {
  return WEAPONS_PTR + (<usize>(weapon * STAT_COUNT + field) << 3);
}

function define(
  weapon: i32,
  damage: f64,
  speed: f64,
  range: f64,
  cooldownSteps: f64,
  radius: f64,
  splashRadius: f64,
  splashDamage: f64,
  staminaCost: f64,
  critChance: f64,
): void {
  store<f64>(statPtr(weapon, STAT_DAMAGE), damage);
  store<f64>(statPtr(weapon, STAT_SPEED), speed);
  store<f64>(statPtr(weapon, STAT_RANGE), range);
  store<f64>(statPtr(weapon, STAT_COOLDOWN_STEPS), cooldownSteps);
  store<f64>(statPtr(weapon, STAT_RADIUS), radius);
  store<f64>(statPtr(weapon, STAT_SPLASH_RADIUS), splashRadius);
  store<f64>(statPtr(weapon, STAT_SPLASH_DAMAGE), splashDamage);
  store<f64>(statPtr(weapon, STAT_STAMINA_COST), staminaCost);
  store<f64>(statPtr(weapon, STAT_CRIT_CHANCE), critChance);
}

function defineWeapons(): void {
  // Warrior: a heavy throwing axe. Short range, slow, hits hard.
  define(
    WEAPON_AXE,
    34, // damage: 3 hits kill (102 ≥ 100 hp); the fewest hits of any class, paid for by range and rate.
    15, // speed m/s: a heavy throw, 0.47 s to its full range; a running target can sidestep it from afar.
    7, // range m: the shortest player weapon (≥ 5 m as required): the warrior has to close in.
    24, // cooldown steps: 0.8 s between throws, so 3 hits take ≥ 1.6 s — the same few seconds as the others.
    0.25, // radius m: a spinning axe head, the widest player projectile: forgiving at close quarters.
    0, // splash radius: none.
    0, // splash damage: none.
    20, // stamina: 25/s at full rate against 15/s regeneration: ~10 s of nonstop throwing empties the bar.
    0.1, // crit chance: a crit (51) makes it a 2-hit kill once in a while.
  );
  // Ranger: a fast arrow. Long range, thin, moderate damage.
  define(
    WEAPON_ARROW,
    20, // damage: 5 hits kill: the ranger trades damage per hit for reach.
    36, // speed m/s: 1.2 m per step; crosses its range in 0.83 s, so only long shots need leading.
    30, // range m: the long-range class (a quarter of the 128 m world): it can fight from beyond the others' reach.
    15, // cooldown steps: 0.5 s, so 5 hits take 2 s.
    0.1, // radius m: a thin arrow: the hardest to land, matching its range.
    0, // splash radius: none.
    0, // splash damage: none.
    10, // stamina: 20/s at full rate: ~20 s of nonstop fire before it slows.
    0.15, // crit chance: the precision weapon's reward; a crit (30) turns 5 hits into 4.
  );
  // Mage: a slower bolt with a small splash.
  define(
    WEAPON_BOLT,
    22, // damage: 5 direct hits kill (110).
    12, // speed m/s: 0.4 m per step, visibly slow (1.33 s to full range): dodgeable, which the splash offsets.
    16, // range m: mid range, between the dagger and the arrow.
    21, // cooldown steps: 0.7 s, 5 hits in 2.8 s: the slowest kill, paid back by hitting groups.
    0.2, // radius m: a glowing orb, easier to land than an arrow.
    1.5, // splash radius m: arm's reach around the impact: punishes huddling and near misses, not a whole room.
    10, // splash damage: under half a direct hit, so the splash rewards aim without replacing it.
    18, // stamina: 25.7/s at full rate: ~9 s of nonstop casting.
    0.05, // crit chance: rare; the splash already spreads its damage.
  );
  // Rogue: a quick dagger, rapid fire.
  define(
    WEAPON_DAGGER,
    9, // damage: 12 hits kill (108): many small hits, each miss costs little.
    24, // speed m/s: 0.8 m per step, 0.33 s to full range.
    8, // range m: close range like the warrior's axe, a little longer to make up for its low damage.
    6, // cooldown steps: 0.2 s, 5 daggers a second: 12 hits in 2.2 s.
    0.1, // radius m: a thin blade.
    0, // splash radius: none.
    0, // splash damage: none.
    6, // stamina: 30/s at full rate, the fastest drain: ~7 s of nonstop fire, then bursts.
    0.2, // crit chance: the rogue's signature; a crit deals 13.
  );
  // Wolf: a bite. Reaches just beyond the wolf's own box: it has to catch you.
  define(
    WEAPON_BITE,
    12, // damage: 9 bites kill a player: one wolf is a nuisance you can outfight, a pack is a threat.
    36, // speed m/s: 1.2 m in one step, so a bite lands (or misses) in the step it is made.
    1.2, // range m: jaws' reach from the wolf's centre: a target whose centre is within ~1.9 m is bitten.
    24, // cooldown steps: 0.8 s between bites, a player has time to shoot back.
    0.3, // radius m: wide jaws, a bite in the right direction rarely misses.
    0, // splash radius: none.
    0, // splash damage: none.
    0, // stamina: creatures never tire; their brains pace the bites.
    0, // crit chance: none, a wolf's damage is predictable.
  );
  // Deer and the default of a fresh body: cannot attack (the fire bit is ignored).
  define(WEAPON_NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
defineWeapons();

// @ts-ignore: decorator
@inline
export function weaponStat(weapon: i32, field: i32): f64 {
  return load<f64>(statPtr(weapon, field));
}

/** True for the weapons a body can fire (every weapon but `none`). */
export function canAttack(weapon: i32): bool {
  return <u32>weapon < <u32>WEAPON_NONE;
}
