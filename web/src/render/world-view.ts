import type { HeldItem } from "./avatar-parts.ts";

/**
 * What the renderer draws: plain data the game session writes each frame. The renderer reads only this, so it
 * knows nothing about sockets, snapshots or prediction.
 */
export interface AvatarView {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
  /** What it holds: its class's weapon (heldItemOf). */
  held: HeldItem;
  /** Ground-plane position (m): x east, y north ("up" on the keyboard). */
  x: number;
  y: number;
  /** Velocity (m/s), for facing. */
  vx: number;
  vy: number;
  /** The local player's own avatar. */
  self: boolean;
  /** A body motion on top of standing (an emote, a dead body lying down); absent when standing normally. */
  pose?: AvatarPose;
  /** How opaque it is drawn (0..1): below 1 while it fades in after entering your view or out after leaving it. */
  opacity: number;
  /** When it entered your view (local ms), for its fade-in (avatar-fade.ts). */
  enteredAt: number;
  /** When it left your view (local ms), while it fades out in `leaving`. */
  leftAt?: number | undefined;
}

/** Offsets from standing: `lift` metres up, `spin` radians about the vertical, `roll` sideways, `pitch` forward. */
export interface AvatarPose {
  lift: number;
  spin: number;
  roll: number;
  pitch: number;
}

/**
 * A creature as drawn this frame (the wildlife feature draws them and writes them here), so other features can
 * place things over it (HP bars).
 */
export interface CreatureView {
  id: string;
  species: string;
  name: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  alive: boolean;
  /** Height (m) of its name label above the ground. */
  labelHeight: number;
}

export interface WorldView {
  /** The world is the square |x|, |y| ≤ halfExtent. */
  readonly halfExtent: number;
  /** Entity id → avatar (players; drawn by the renderer's avatar layer). */
  readonly avatars: Map<string, AvatarView>;
  /**
   * Entity id → a player's avatar that has left your view but not the room, fading out where it was last drawn
   * (drawn by the avatar layer only: features that follow bodies, e.g. HP bars and speech bubbles, see `avatars`).
   */
  readonly leaving: Map<string, AvatarView>;
  /** Entity id → creature (drawn by a feature's layer, written each frame by that feature). */
  readonly creatures: Map<string, CreatureView>;
}

export function createWorldView(halfExtent: number): WorldView {
  return { halfExtent, avatars: new Map(), leaving: new Map(), creatures: new Map() };
}
