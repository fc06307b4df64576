import type { AvatarPose } from "../../render/world-view.ts";

/** How long a dying avatar takes to fall (ms): quick enough to read as a death, slow enough to be seen. */
const FALL_MS = 350;
/** The body capsule's radius (avatar-instances.ts): lying on its back, the capsule rests on the ground. */
const BODY_RADIUS = 0.4;

/**
 * A dead player's pose `elapsedMs` after the page saw the death, written into `out`: the avatar tips over
 * backwards (accelerating, as a fall does) and then lies on its back until it respawns.
 */
export function fallenPose(elapsedMs: number, out: AvatarPose): void {
  const t = Math.min(1, Math.max(0, elapsedMs / FALL_MS));
  const ease = t * t;
  out.lift = BODY_RADIUS * ease;
  out.spin = 0;
  out.roll = 0;
  out.pitch = (-Math.PI / 2) * ease;
}
