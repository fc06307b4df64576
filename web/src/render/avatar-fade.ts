import type { PresenceInfo } from "../net/presence.ts";
import type { AvatarView, WorldView } from "./world-view.ts";

/**
 * How long an avatar takes to fade in when it enters your view and out when it leaves it (ms): long enough to read
 * as "walked out of sight" rather than a pop, short enough that a ghost never lingers where the body no longer is
 * (at 6 m/s a body moves under 2 m meanwhile).
 */
export const AVATAR_FADE_MS = 300;

/** An avatar fading in or out this frame, as the debug hook reports it. */
export interface AvatarFadeDebug {
  id: string;
  name: string;
  /** "in": it entered your view; "out": it left your view but is still in the room. */
  direction: "in" | "out";
  opacity: number;
}

/**
 * An avatar that has just appeared is drawn at first transparent, so a player walking into your view (or into the
 * room) fades in rather than popping. One that re-enters while still fading out continues from where it was.
 */
export function enterAvatar(view: WorldView, id: string, self: boolean, now: number): AvatarView {
  const ghost = view.leaving.get(id);
  if (ghost) {
    view.leaving.delete(id);
    ghost.enteredAt = now - ghost.opacity * AVATAR_FADE_MS;
    ghost.leftAt = undefined;
    return ghost;
  }
  return { id, name: "", color: "", held: "none", x: 0, y: 0, vx: 0, vy: 0, self, opacity: self ? 1 : 0, enteredAt: self ? -Infinity : now };
}

/**
 * An avatar whose body is no longer drawn. A player still on the room's roster has only left your view (the room
 * stopped sending its body): it stays where it was last drawn, fading out from its current opacity. One who left
 * the room (or a creature) is gone at once, as before views existed.
 */
export function leaveAvatar(view: WorldView, avatar: AvatarView, roster: ReadonlyMap<string, PresenceInfo>, now: number): void {
  if (avatar.self || roster.get(avatar.id)?.kind !== "player" || avatar.opacity <= 0) return;
  avatar.leftAt = now - (1 - avatar.opacity) * AVATAR_FADE_MS;
  avatar.pose = undefined;
  view.leaving.set(avatar.id, avatar);
}

/** Sets this frame's opacity of every avatar and ghost; drops ghosts that have faded out or left the room. */
export function stepFades(view: WorldView, roster: ReadonlyMap<string, PresenceInfo>, now: number): void {
  for (const avatar of view.avatars.values()) avatar.opacity = avatar.self ? 1 : clamp01((now - avatar.enteredAt) / AVATAR_FADE_MS);
  for (const [id, ghost] of view.leaving) {
    ghost.opacity = clamp01(1 - (now - (ghost.leftAt ?? now)) / AVATAR_FADE_MS);
    if (ghost.opacity <= 0 || roster.get(id)?.kind !== "player") view.leaving.delete(id);
  }
}

/** What is fading this frame, for `window.__edgehold.state().fading`. */
export function fadingAvatars(view: WorldView): AvatarFadeDebug[] {
  const fading: AvatarFadeDebug[] = [];
  for (const a of view.avatars.values()) if (a.opacity < 1) fading.push({ id: a.id, name: a.name, direction: "in", opacity: a.opacity });
  for (const a of view.leaving.values()) fading.push({ id: a.id, name: a.name, direction: "out", opacity: a.opacity });
  return fading;
}

function clamp01(value: number): number {
  return value <= 0 ? 0 : value >= 1 ? 1 : value;
}
