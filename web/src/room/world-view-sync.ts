import type { Kinematics } from "../net/kinematics.ts";
import type { PresenceInfo } from "../net/presence.ts";
import type { RoomClient } from "../net/room-client.ts";
import { fallbackColor } from "../render/player-color.ts";
import type { WorldView } from "../render/world-view.ts";

/**
 * Writes this frame's avatars into the renderer's view: remote entities where the interpolator put them, your
 * own where prediction has it (between the last two steps, plus the fading correction offset), each standing (the
 * features pose them afresh each frame: an emote, a dead body lying down). Reuses the view's objects, so a steady
 * room allocates nothing per frame. `presence`: this frame's presenceById.
 */
export function syncWorldView(
  view: WorldView,
  sampled: ReadonlyMap<string, Kinematics>,
  client: RoomClient,
  alpha: number,
  presence: ReadonlyMap<string, PresenceInfo>,
): void {
  const selfId = client.selfEntityId;
  for (const id of view.avatars.keys()) if (!sampled.has(id)) view.avatars.delete(id);
  for (const [id, state] of sampled) {
    const who = presence.get(id);
    // Creatures are not avatars: a feature draws them (wildlife).
    if (who?.kind === "creature") {
      view.avatars.delete(id);
      continue;
    }
    const self = id === selfId;
    let avatar = view.avatars.get(id);
    if (!avatar) {
      avatar = { id, name: "", color: "", x: 0, y: 0, vx: 0, vy: 0, self };
      view.avatars.set(id, avatar);
    }
    avatar.name = who?.name ?? `player ${id}`;
    avatar.color = who?.color ?? fallbackColor(who?.playerId || id);
    avatar.self = self;
    avatar.pose = undefined;
    if (self && client.selfPosition(alpha, avatar)) {
      avatar.vx = client.predictor.latest.vx;
      avatar.vy = client.predictor.latest.vy;
    } else {
      avatar.x = state.x;
      avatar.y = state.y;
      avatar.vx = state.vx;
      avatar.vy = state.vy;
    }
  }
}
