/**
 * What the renderer draws: plain data the game session writes each frame. The renderer reads only this, so it
 * knows nothing about sockets, snapshots or prediction.
 */
export interface AvatarView {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
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
}

/** Offsets from standing: `lift` metres up, `spin` radians about the vertical, `roll` sideways, `pitch` forward. */
export interface AvatarPose {
  lift: number;
  spin: number;
  roll: number;
  pitch: number;
}

export interface WorldView {
  /** The world is the square |x|, |y| ≤ halfExtent. */
  readonly halfExtent: number;
  /** Entity id → avatar. */
  readonly avatars: Map<string, AvatarView>;
}

export function createWorldView(halfExtent: number): WorldView {
  return { halfExtent, avatars: new Map() };
}
