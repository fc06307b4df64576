import type { Kinematics } from "../net/kinematics.ts";
import type { PresenceInfo } from "../net/presence.ts";
import type { RoomClient } from "../net/room-client.ts";
import { enterAvatar, leaveAvatar, stepFades } from "../render/avatar-fade.ts";
import { weaponOfClass } from "@edgehold/sim-core";
import { heldItemOf } from "../render/avatar-parts.ts";
import { fallbackColor } from "../render/player-color.ts";
import type { WorldView } from "../render/world-view.ts";

/** What of the room's client drawing the avatars reads: who you are, and where prediction puts you. */
export type SelfDrawing = Pick<RoomClient, "selfEntityId" | "selfPosition" | "predictor">;

/**
 * Writes this frame's avatars into the renderer's view: remote entities where the interpolator put them, your
 * own where prediction has it (between the last two steps, plus the fading correction offset), each standing (the
 * features pose them afresh each frame: an emote, a dead body lying down). An avatar that appears fades in; a
 * player's that is no longer drawn while the roster still has them (they left your view, not the room) fades out
 * (avatar-fade.ts). Reuses the view's objects, so a steady room allocates nothing per frame. `presence`: this
 * frame's presenceById; `now`: the frame's local time (ms).
 */
export function syncWorldView(
  view: WorldView,
  sampled: ReadonlyMap<string, Kinematics>,
  client: SelfDrawing,
  alpha: number,
  presence: ReadonlyMap<string, PresenceInfo>,
  now: number,
): void {
  const selfId = client.selfEntityId;
  // forEach rather than for…of over entries: these run every frame over every entity, and each entry pair would be
  // garbage (a minor GC landing in a frame is its slowest part).
  view.avatars.forEach((avatar, id) => {
    if (sampled.has(id)) return;
    view.avatars.delete(id);
    leaveAvatar(view, avatar, presence, now);
  });
  sampled.forEach((state, id) => {
    const who = presence.get(id);
    // Creatures are not avatars: a feature draws them (wildlife).
    if (who?.kind === "creature") {
      view.avatars.delete(id);
      return;
    }
    const self = id === selfId;
    let avatar = view.avatars.get(id);
    if (!avatar) {
      avatar = enterAvatar(view, id, self, now);
      view.avatars.set(id, avatar);
    }
    avatar.name = who?.name ?? `player ${id}`;
    avatar.color = who?.color ?? fallbackColor(who?.playerId || id);
    avatar.held = heldItemOf(weaponOfClass(who?.characterClass));
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
  });
  stepFades(view, presence, now);
}
