import { RoomMetaStore } from "../../storage/room-meta.ts";
import type { SqlExec } from "../../storage/rows-written.ts";

const SEED_KEY = "wildlife_seed";

/**
 * The room's wildlife seed: drawn when the room's first creature appears and kept in room_meta, so the room's wildlife
 * can be replayed (the same seed, joins and inputs play out the same) and comes back the same after an eviction.
 */
export function wildlifeSeed(sql: SqlExec): number {
  const meta = new RoomMetaStore(sql);
  const stored = meta.get(SEED_KEY);
  if (stored !== undefined && /^\d+$/.test(stored)) return Number(stored) >>> 0;
  const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
  meta.set(SEED_KEY, seed);
  return seed;
}
