/** Combat's section of `window.__edgehold.state()`: own hp/stamina, every entity's hp, projectiles, the kill feed. */
export interface CombatDebug {
  hp: number | undefined;
  maxHp: number | undefined;
  alive: boolean | undefined;
  stamina: number | undefined;
  respawnAt: number | undefined;
  kills: number;
  deaths: number;
  /** Every entity's hp as the page holds it (combat channel). */
  entities: { id: string; hp: number; maxHp: number; alive: boolean }[];
  /** Projectiles drawn this frame, all of them; the own ones drawn from prediction; the room's own ones in the channel. */
  projectilesDrawn: number;
  ownPredictedDrawn: number;
  ownPredictedTotal: number;
  roomOwnProjectiles: number;
  /** Room projectiles of the own player drawn this frame (a duplicate of a predicted one would show here). */
  ownRoomDrawn: number;
  /** Over all frames: own room projectiles drawn, and own room projectiles due at the render time but left out
   *  because the page predicted them (> 0: the room's copy of a predicted shot reached the render time). */
  ownRoomDrawnTotal: number;
  ownRoomSkippedTotal: number;
  killFeed: { killer: string; target: string }[];
  hitsDealt: number;
  damageNumbers: number;
  /** The ground point under the pointer (undefined: off the ground, or building). */
  reticle: { x: number; y: number } | undefined;
  /**
   * The last click that fired: frames and ms from the click to the first frame drawing its projectile, and how many
   * own predicted projectiles that frame drew.
   */
  lastShot: { frames: number; ms: number; drawn: number } | undefined;
}

declare module "../../debug/debug-hook.ts" {
  interface DebugSections {
    /** Own hp and stamina, every entity's hp, projectiles drawn, the kill feed. */
    combat: CombatDebug;
  }
}
