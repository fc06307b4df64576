import { WIRE_UNITS_PER_METRE } from "@edgehold/sim-core/units";

/**
 * How far from the origin (m) a position on the wire may lie: worlds up to 2,048 m across stay exact (ARCHITECTURE.md
 * "Room kinds"). Kinematic fields travel as int16 counts of 1/256 m (±128 m, every value of a 128 m room) and, in a
 * record flagged wide, as int32 counts: a record is wide only when one of its values does not fit an int16, so a 128 m
 * room's records are byte for byte what they always were.
 */
export const MAX_WIRE_METRES = 1024;
/** ±MAX_WIRE_METRES in wire units: the bound of a wide record's values. */
export const MAX_WIDE_UNITS = MAX_WIRE_METRES * WIRE_UNITS_PER_METRE;
const INT16_MIN = -32768;
const INT16_MAX = 32767;

/** True if `units` (an integer) travels as an int16; otherwise its record is wide. */
export function fitsInt16(units: number): boolean {
  return units >= INT16_MIN && units <= INT16_MAX;
}

/** True if `units` is a whole count of wire units within ±MAX_WIDE_UNITS (what a wide record can carry). */
export function isWireUnits(units: number): boolean {
  return Number.isInteger(units) && units >= -MAX_WIDE_UNITS && units <= MAX_WIDE_UNITS;
}
