import type { WorldRules } from "@edgehold/protocol";
import type { ChannelFields } from "../channel-diff.ts";
import { CELL_METRES } from "./body-grid.ts";
import { patchOf, type ChannelTick, type Held, type PatchSet, type ViewPatch } from "./channel-tick.ts";
import type { ViewRadius } from "./entity-view.ts";
import type { EntryKeys } from "./entry-keys.ts";

/** Chunks are 16 × 16 tiles (tiles are 1 m): the body grid's cells. */
export const CHUNK_TILES = CELL_METRES;
/**
 * Structures are sent 16 m further out than bodies (ARCHITECTURE.md): a wall is on the page before the player is
 * close enough to see anyone behind it, and walking a chunk's width on does not yet need the next one.
 */
export const CHUNK_REACH_METRES = 16;

/** Chunk coordinates packed into one number: exact for tiles up to ±16,384 (worlds far beyond 2,048 m). */
const CHUNK_OFFSET = 1024;
const CHUNK_STRIDE = 2 * CHUNK_OFFSET;

/** The chunk of the tile (tx, ty) a `tile_chunk` entry stands on: its key in the channel's EntryKeys. */
export function chunkOf(fields: ChannelFields): number {
  return chunkKey(Math.floor((fields.tx as number) / CHUNK_TILES), Math.floor((fields.ty as number) / CHUNK_TILES));
}

function chunkKey(cx: number, cy: number): number {
  return (cx + CHUNK_OFFSET) * CHUNK_STRIDE + (cy + CHUNK_OFFSET);
}

function chunkX(key: number): number {
  return Math.floor(key / CHUNK_STRIDE) - CHUNK_OFFSET;
}

function chunkY(key: number): number {
  return (key % CHUNK_STRIDE) - CHUNK_OFFSET;
}

/**
 * The chunks a connection at (x, y) gets: every chunk of the world that holds a structure and some part of which lies
 * within R + 16 m of it (the view's rule again: one it holds stays until no part is within R + 16 + 8 m).
 *
 * Only chunks with a structure are held. An empty chunk has nothing to send, and a view's box spans ~150 chunks, most
 * of them empty in any plaza: judging those for every connection's every snapshot was the largest part of a crowded
 * plaza's interest work. The one difference it makes: a structure placed in an empty chunk that a connection sees
 * only through the hysteresis margin (beyond R + 16 m, within R + 24 m) reaches it once it comes within R + 16 m,
 * as it would have had the chunk been empty when the connection arrived.
 */
function keepChunksAround(x: number, y: number, radius: ViewRadius, world: WorldRules, held: Held<number>, keys: EntryKeys, entering: number[]): void {
  const enterSq = (radius.enter + CHUNK_REACH_METRES) ** 2;
  const leave = radius.leave + CHUNK_REACH_METRES;
  const leaveSq = leave * leave;
  const first = Math.floor(world.minTile / CHUNK_TILES);
  const last = Math.floor(world.maxTile / CHUNK_TILES);
  const cx0 = Math.max(first, Math.floor((x - leave) / CHUNK_TILES));
  const cx1 = Math.min(last, Math.floor((x + leave) / CHUNK_TILES));
  const cy0 = Math.max(first, Math.floor((y - leave) / CHUNK_TILES));
  const cy1 = Math.min(last, Math.floor((y + leave) / CHUNK_TILES));
  const judge = (cx: number, cy: number, key: number): void => {
    const dx = Math.max(cx * CHUNK_TILES - x, 0, x - (cx + 1) * CHUNK_TILES);
    const dy = Math.max(cy * CHUNK_TILES - y, 0, y - (cy + 1) * CHUNK_TILES);
    const distanceSq = dx * dx + dy * dy;
    if (distanceSq <= enterSq || (distanceSq <= leaveSq && held.has(key))) {
      if (held.keep(key)) entering.push(key);
    }
  };
  // Whichever is fewer: the occupied chunks of the world, or the chunks of the view's box.
  if (keys.occupiedCount < (cx1 - cx0 + 1) * (cy1 - cy0 + 1)) {
    for (const key of keys.occupiedKeys()) {
      const cx = chunkX(key);
      const cy = chunkY(key);
      if (cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1) judge(cx, cy, key);
    }
    return;
  }
  for (let cx = cx0; cx <= cx1; cx++) {
    for (let cy = cy0; cy <= cy1; cy++) {
      const key = chunkKey(cx, cy);
      if (keys.occupied(key)) judge(cx, cy, key);
    }
  }
}

/** The `set` of a full snapshot with no structures in it. */
const NOTHING: ReadonlyMap<string, Partial<ChannelFields>> = new Map();

/**
 * A `tile_chunk` channel (build) as one connection sees it: whole chunks around its player. A chunk that comes in
 * arrives with all its structures, one that goes out has them removed; within the chunks it keeps, the room's delta
 * (new, changed, destroyed structures). `held`: the chunks held, updated. Costs the chunks that came or went and the
 * room's changes, never every structure in reach.
 */
export function filterByChunk(
  tick: ChannelTick,
  centre: { x: number; y: number } | undefined,
  radius: ViewRadius,
  world: WorldRules,
  held: Held<number>,
  keys: EntryKeys,
): ViewPatch | undefined {
  const { full, current, delta } = tick;
  // Nothing built anywhere, nothing held, nothing changed (most snapshots of a plaza nobody builds in): no work.
  if (keys.occupiedCount === 0 && held.size === 0 && delta === undefined) return full ? { set: NOTHING } : undefined;
  const set: PatchSet = new Map();
  let setCount = 0;
  const remove: string[] = [];
  // Removed structures of chunks held until now (before the sweep forgets which those were).
  if (!full) {
    for (const id of delta?.remove ?? []) {
      const chunk = keys.key(id);
      if (chunk !== undefined && held.has(chunk)) remove.push(id);
    }
  }
  const entering: number[] = [];
  held.begin();
  if (centre) keepChunksAround(centre.x, centre.y, radius, world, held, keys, entering);
  held.sweep((chunk) => {
    if (!full) for (const id of keys.ids(chunk)) remove.push(id);
  });
  if (full) {
    for (const chunk of held.keys()) {
      for (const id of keys.ids(chunk)) {
        set.set(id, current.get(id)!);
        setCount++;
      }
    }
    return patchOf(set, setCount, remove, full);
  }
  // New and changed structures in chunks held before and still: the room's delta of them.
  const entered = new Set(entering);
  for (const id in delta?.set) {
    const chunk = keys.key(id);
    if (chunk !== undefined && held.has(chunk) && !entered.has(chunk)) {
      set.set(id, delta.set[id]!);
      setCount++;
    }
  }
  for (const chunk of entering) {
    for (const id of keys.ids(chunk)) {
      set.set(id, current.get(id)!);
      setCount++;
    }
  }
  return patchOf(set, setCount, remove, full);
}
