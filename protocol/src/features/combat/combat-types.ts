/**
 * The combat wire: what an input carries to fire (see combat-validators.ts), the `projectile` and `combat`
 * channels, and the `hit` / `death` / `respawn` events. Entity ids are the room-scoped ids of every channel.
 */

/**
 * Bounds of an input's aim vector. The sim normalises it, so only its direction matters; a length near 1 is what
 * an honest client sends (a unit vector, rounded by its codec). Far off 1 — or zero, where there is no direction —
 * is a client bug worth a clear error rather than a silently odd shot.
 */
export const AIM_MIN_LENGTH = 0.5;
export const AIM_MAX_LENGTH = 2;

/** What an input adds to fire (all optional; a plain movement input carries none of them). */
export interface FireFields {
  /** Fire the character's weapon this step (ignored by the sim during its cooldown, while dead, or without stamina). */
  fire?: boolean;
  /** The aim direction on the ground plane; required with `fire: true`, |aim| in [AIM_MIN_LENGTH, AIM_MAX_LENGTH]. */
  aimX?: number;
  aimY?: number;
  /**
   * The server time (ms, the snapshots' `serverTime` clock) at which the shooter's screen showed the other
   * entities — its interpolation time. The room judges this input's shot against where they were then (bounded).
   */
  viewTime?: number;
}

/**
 * Channel `projectile`: projectile id → its flight. Ids are a room-wide increasing counter, never reused. `owner`
 * is the shooter's entity id; `seq` the input seq that fired it, so the shooter's page can match the projectile it
 * predicted. Positions and velocities lie on the sim's 1/256 grid. Removed when it hits or expires.
 */
export interface ProjectileFields {
  x: number;
  y: number;
  vx: number;
  vy: number;
  owner: string;
  seq: number;
}

/**
 * Channel `combat`: entity id → its fighting state, for every player and creature. `stamina` for players only.
 * `respawnAt` is the serverTime at which a dead player comes back (for the countdown); it is only meaningful
 * while `alive` is false (a delta never deletes a field, so a client may still hold the last one after respawn).
 */
export interface CombatFields {
  hp: number;
  maxHp: number;
  alive: boolean;
  stamina?: number;
  kills: number;
  deaths: number;
  respawnAt?: number;
}

/** `combat.hit`: `target` took `damage` from `source`'s projectile (splash too) and has `hp` left. */
export interface HitEventPayload {
  target: string;
  source: string;
  damage: number;
  hp: number;
  crit: boolean;
}

/** `combat.death`: `target` died; `killer` is the entity whose projectile did it. */
export interface DeathEventPayload {
  target: string;
  killer: string;
}

/** `combat.respawn`: a dead player is back, with full hp and stamina, at (x, y). */
export interface RespawnEventPayload {
  target: string;
  x: number;
  y: number;
}
