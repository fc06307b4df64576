import { RoomMetaStore } from "../storage/room-meta.ts";
import { finalMix } from "./final-mix.ts";
import type { SqlExec } from "../storage/rows-written.ts";

const SEED_KEY = "room_seed";

/**
 * The room's seed (a u32): drawn the first time something random is about to happen here (the first creature, the
 * first step of combat) and kept in room_meta — one row, once in the room's life — so the room can be replayed
 * (the same seed, joins and inputs play out the same) and two rooms do not play out alike. A room that is only
 * looked at, never joined, writes nothing.
 */
export function roomSeed(sql: SqlExec, key = SEED_KEY): number {
  const meta = new RoomMetaStore(sql);
  const stored = meta.getNumber(key, -1);
  if (Number.isInteger(stored) && stored >= 0) return stored >>> 0;
  const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
  meta.set(key, seed);
  return seed;
}

/**
 * The seed of the room's scenery (kinds with scenery only): drawn with the room's first start and kept (one row), apart
 * from the room's seed because it is sent to every client in the welcome, while the seed behind crits stays the
 * room's own.
 */
export function scenerySeed(sql: SqlExec): number {
  return roomSeed(sql, "scenery_seed");
}

/**
 * The seed of a PRNG that starts at `tick`, from the room's seed: each start of the room (a restart hydrates at a
 * later tick) rolls a sequence of its own, and a replay from the same seed and tick rolls the same one. A u32
 * (murmur3's finaliser over the seed and both halves of the tick).
 */
export function seedAtTick(seed: number, tick: number): number {
  return finalMix(seed ^ Math.imul(tick >>> 0, 0x9e3779b1) ^ Math.imul(Math.floor(tick / 0x1_0000_0000) >>> 0, 0x85ebca77));
}
