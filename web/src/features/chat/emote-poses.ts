import type { EmoteName } from "@edgehold/protocol";
import type { AvatarPose } from "../../render/world-view.ts";

/**
 * How long each emote plays (ms): long enough to be seen from across the screen, short enough that the server's
 * 1 emote per second lets a player chain them without one cutting the next.
 */
export const EMOTE_DURATION_MS: Readonly<Record<EmoteName, number>> = {
  wave: 1600,
  dance: 2400,
  cheer: 1400,
  bow: 1500,
  laugh: 1400,
  clap: 1400,
  sit: 3000,
  point: 1500,
};

const TAU = Math.PI * 2;

/** 0 → 1 → 0 over the emote: eases each pose in and out, so no emote starts or ends with a jump cut. */
function envelope(t: number): number {
  return Math.sin(Math.PI * Math.min(1, Math.max(0, t)));
}

/**
 * The avatar's pose `elapsedMs` into `emote`, written into `out` (the view's avatars reuse their pose objects):
 * the capsule avatar has no limbs, so each emote is a readable whole-body motion — a wave rocks side to side, a
 * cheer jumps twice, a dance spins with a bounce, a bow leans forward. Returns false once the emote is over.
 */
export function emotePose(emote: EmoteName, elapsedMs: number, out: AvatarPose): boolean {
  const duration = EMOTE_DURATION_MS[emote];
  if (elapsedMs < 0 || elapsedMs >= duration) return false;
  const t = elapsedMs / duration;
  const ease = envelope(t);
  out.lift = 0;
  out.spin = 0;
  out.roll = 0;
  out.pitch = 0;
  switch (emote) {
    case "wave":
      // Three rocks of ±0.3 rad (~17°): reads as a wave at the follow camera's distance.
      out.roll = 0.3 * ease * Math.sin(t * 3 * TAU);
      break;
    case "dance":
      out.spin = t * 2 * TAU;
      out.lift = 0.2 * Math.abs(Math.sin(t * 6 * Math.PI));
      break;
    case "cheer":
      // Two 0.6 m hops: a clear jump next to a 1.6 m body.
      out.lift = 0.6 * Math.abs(Math.sin(t * 2 * Math.PI));
      break;
    case "bow":
      out.pitch = 0.6 * ease;
      break;
    case "laugh":
      out.lift = 0.08 * Math.abs(Math.sin(t * 10 * Math.PI));
      out.pitch = -0.15 * ease;
      break;
    case "clap":
      out.roll = 0.08 * Math.sin(t * 8 * TAU) * ease;
      out.lift = 0.05 * Math.abs(Math.sin(t * 8 * Math.PI));
      break;
    case "sit":
      // Half a metre down, held, then back up: the capsule "sits" on the ground.
      out.lift = -0.5 * Math.min(1, ease * 3);
      break;
    case "point":
      out.pitch = 0.3 * ease;
      break;
  }
  return true;
}
