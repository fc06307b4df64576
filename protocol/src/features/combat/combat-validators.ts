import { isFiniteNumber } from "../../guards.ts";
import { AIM_MAX_LENGTH, AIM_MIN_LENGTH, type FireFields } from "./combat-types.ts";

/**
 * The fire fields of one untrusted input (`at` names it in messages, e.g. "payload.inputs[2]"): the typed fields
 * to copy onto the parsed input, or a message naming the bad field. `fire` must be a boolean; an aim given must be
 * two finite numbers, and `fire: true` needs one of length AIM_MIN_LENGTH..AIM_MAX_LENGTH; `viewTime` a finite,
 * non-negative server time. Without `fire: true` the aim is dropped (the room has no use for it).
 */
export function parseFireFields(input: Record<string, unknown>, at: string): FireFields | string {
  const out: FireFields = {};
  const { fire, aimX, aimY, viewTime } = input;
  if (fire !== undefined && typeof fire !== "boolean") return `${at}.fire must be a boolean`;
  const hasAim = aimX !== undefined || aimY !== undefined;
  if (hasAim) {
    if (!isFiniteNumber(aimX)) return `${at}.aimX must be a finite number`;
    if (!isFiniteNumber(aimY)) return `${at}.aimY must be a finite number`;
  }
  if (fire === true) {
    if (!hasAim) return `${at}.fire needs aimX and aimY`;
    const length = Math.hypot(aimX as number, aimY as number);
    if (!(length >= AIM_MIN_LENGTH && length <= AIM_MAX_LENGTH)) {
      return `${at}: |(aimX, aimY)| must be ${AIM_MIN_LENGTH}..${AIM_MAX_LENGTH} (got ${length})`;
    }
    out.fire = true;
    out.aimX = aimX as number;
    out.aimY = aimY as number;
  }
  if (viewTime !== undefined) {
    if (!isFiniteNumber(viewTime) || viewTime < 0) return `${at}.viewTime must be a finite server time in ms`;
    out.viewTime = viewTime;
  }
  return out;
}
