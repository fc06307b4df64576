// What happened in the sim since the last drainEvents(): the wasm's event buffer (sim-core/assembly/events.ts)
// read into a discriminated union. `projectile` is a projectile slot (reused after the projectile is gone: the
// events of one drain are in order, so a slot's `expire` or hit comes before its reuse's `spawn`); `owner`,
// `target` and `killer` are body slots.

export type SimEvent =
  /** A body fired: projectile `projectile` is in flight. */
  | { type: "spawn"; projectile: number; owner: number }
  /** A body was hit (directly or by splash): it lost `damage` and has `hp` left. One per body hit. */
  | { type: "hit"; projectile: number; owner: number; target: number; damage: number; crit: boolean; hp: number }
  /** A hit brought `target` to 0 hp; `killer` is the shooter's slot. Follows that hit. */
  | { type: "death"; target: number; killer: number }
  /** A projectile stopped at a blocking tile, which lost `damage` and has `hp` left (0: destroyed). */
  | { type: "tile_hit"; projectile: number; owner: number; tx: number; ty: number; damage: number; hp: number }
  /** The tile hit just before this event was emptied. */
  | { type: "tile_destroyed"; tx: number; ty: number; owner: number }
  /** A projectile reached its range, left the world, or its owner was despawned: it is gone without a hit. */
  | { type: "expire"; projectile: number };

export type SimEventType = SimEvent["type"];

/** The wasm's event type codes, in order from 1. */
export const EVENT_TYPES = ["spawn", "hit", "death", "tile_hit", "tile_destroyed", "expire"] as const satisfies readonly SimEventType[];

/** Builds the event of wasm type `code` from its words a..f. */
export function decodeEvent(code: number, w: readonly number[]): SimEvent {
  switch (EVENT_TYPES[code - 1]) {
    case "spawn":
      return { type: "spawn", projectile: w[0]!, owner: w[1]! };
    case "hit":
      return { type: "hit", projectile: w[0]!, owner: w[1]!, target: w[2]!, damage: w[3]!, crit: w[4] !== 0, hp: w[5]! };
    case "death":
      return { type: "death", target: w[0]!, killer: w[1]! };
    case "tile_hit":
      return { type: "tile_hit", projectile: w[0]!, owner: w[1]!, tx: w[2]!, ty: w[3]!, damage: w[4]!, hp: w[5]! };
    case "tile_destroyed":
      return { type: "tile_destroyed", tx: w[0]!, ty: w[1]!, owner: w[2]! };
    case "expire":
      return { type: "expire", projectile: w[0]! };
    default:
      throw new Error(`sim.wasm sent an unknown event type ${code}`);
  }
}
