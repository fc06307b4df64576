// The events of the last steps (spawns, hits, deaths, tile hits, destroyed tiles, expiries), in the order they
// happened, for the host to drain (drainEvents() in the facade). A bounded buffer: beyond EVENT_CAPACITY an event
// is counted in droppedEvents() instead of stored, never a crash.

import { EVENT_CAPACITY } from "./constants";

export const EVENT_SPAWN: i32 = 1;
export const EVENT_HIT: i32 = 2;
export const EVENT_DEATH: i32 = 3;
export const EVENT_TILE_HIT: i32 = 4;
export const EVENT_TILE_DESTROYED: i32 = 5;
export const EVENT_EXPIRE: i32 = 6;

/** i32 words per event: its type, then up to 6 fields (see the facade's SimEvent for what each type holds). */
export const EVENT_WORDS: i32 = 8;
const EVENTS_PTR: usize = memory.data(EVENT_CAPACITY * EVENT_WORDS * 4, 16);

let count: i32 = 0;
let dropped: i32 = 0;

export function pushEvent(type: i32, a: i32, b: i32, c: i32, d: i32, e: i32, f: i32): void {
  if (count >= EVENT_CAPACITY) {
    dropped++;
    return;
  }
  const ptr = EVENTS_PTR + (<usize>(count * EVENT_WORDS) << 2);
  store<i32>(ptr, type);
  store<i32>(ptr, a, 4);
  store<i32>(ptr, b, 8);
  store<i32>(ptr, c, 12);
  store<i32>(ptr, d, 16);
  store<i32>(ptr, e, 20);
  store<i32>(ptr, f, 24);
  count++;
}

export function eventCount(): i32 {
  return count;
}

/** Word `word` (0 = type) of event `index`; 0 outside the buffer. */
export function eventWord(index: i32, word: i32): i32 {
  if (<u32>index >= <u32>count || <u32>word >= <u32>EVENT_WORDS) return 0;
  return load<i32>(EVENTS_PTR + (<usize>(index * EVENT_WORDS + word) << 2));
}

export function clearEvents(): void {
  count = 0;
}

export function droppedEvents(): i32 {
  return dropped;
}
