/**
 * The movement channel's `teleport` field: how many times the room has moved a body by its own hand (a respawn, a
 * rejoin moved out of a wall: anything that puts a body where its own inputs did not take it), wrapping within
 * 1..255. Absent (0) until the body's first such move after it joined.
 *
 * Why a counter beside the position, rather than a `respawn`-style event or a one-snapshot flag:
 * - it is state, so it rides the very snapshot (and the very channel entry) that carries the new position: the page
 *   sees the jump and its cause together, never one frame apart as an event and a snapshot could be;
 * - it survives what a flag would not: a delta channel only sends what changed, a full snapshot (a join, a resync)
 *   carries every field, an entity entering a view arrives whole; in each case "the counter differs from the one
 *   I hold" means "the room moved this body since I last looked", however many snapshots lay between;
 * - it costs nothing until a body is moved (absent fields are not sent) and one byte in the records that carry it.
 * It wraps and skips 0 (1..255), because a delta carries only fields that are present: a counter that went back
 * to 0 by being left out would never reach a client that holds 255. Telling 255 moves apart from none between two
 * snapshots is not needed: the room moves a body far less often than 255 times in 100 ms.
 */
export const MAX_TELEPORT = 255;

/** The counter after one more server-side move of a body whose counter is `counter` (undefined: never moved). */
export function nextTeleport(counter: number | undefined): number {
  return ((counter ?? 0) % MAX_TELEPORT) + 1;
}

/** A value the `teleport` field may hold: an integer 0..255 (0 means the same as absent). */
export function isTeleportCounter(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_TELEPORT;
}
