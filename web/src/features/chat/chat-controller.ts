import type * as THREE from "three";
import type { EmoteName, SendScope } from "@edgehold/protocol";
import type { LocalStateKey } from "../client-feature.ts";
import type { AvatarPose, WorldView } from "../../render/world-view.ts";
import { chatStateKey } from "./chat-client.ts";
import type { ChatState } from "./chat-state.ts";
import { composeLine, type ChatLineToSend } from "./compose-line.ts";
import { emotePose } from "./emote-poses.ts";
import { SpeechBubbleLayer } from "./speech-bubble-layer.ts";

/** What the controller needs of the room's netcode (RoomClient has all of it). */
export interface ChatNetcode {
  readonly welcome: { playerId: string } | undefined;
  local<T>(key: LocalStateKey<T>): T;
  sendChat(payload: ChatLineToSend): number | undefined;
}

/**
 * Chat on the page, put together: the room's ChatState (fed by the chat client feature), sending lines and emotes,
 * speech bubbles over the scene and emote poses on the avatars. The game session calls `pose()` after the view
 * has this frame's avatars and `place()` after the scene is drawn (the camera has moved by then); the panel calls
 * `send()` and `emote()`.
 */
export class ChatController {
  readonly state: ChatState;
  private readonly bubbles: SpeechBubbleLayer;
  /** One reusable pose per avatar playing an emote (no allocation per frame). */
  private readonly poses = new Map<string, AvatarPose>();
  private readonly playing: { entity: string; emote: EmoteName }[] = [];

  constructor(
    private readonly net: ChatNetcode,
    sceneContainer: HTMLElement,
  ) {
    this.state = net.local(chatStateKey);
    this.bubbles = new SpeechBubbleLayer(sceneContainer);
  }

  /**
   * Sends the draft (Enter in the chat input) with the panel's scope. Returns what the input should do: `sent`
   * (clear it), `leave` (an empty line: blur), `kept` (refused here or offline: the draft stays).
   */
  send(draft: string, scope: SendScope): "sent" | "leave" | "kept" {
    const result = composeLine(draft, scope, this.state.getSnapshot().replyTo);
    if ("leave" in result) return "leave";
    if ("refuse" in result) {
      this.state.notice(result.refuse);
      return "kept";
    }
    return this.transmit(result.send) ? "sent" : "kept";
  }

  /** Plays an emote for everyone (`/emote <name>`; the room answers with the `emote` event, this page included). */
  emote(name: EmoteName): void {
    this.transmit({ text: `/emote ${name}`, scope: "room" });
  }

  /** Writes this frame's emote poses into the view's avatars (call before drawing). */
  pose(now: number, view: WorldView): void {
    this.state.selfPlayerId = this.net.welcome?.playerId;
    this.playing.length = 0;
    for (const avatar of view.avatars.values()) avatar.pose = undefined;
    for (const { entity, emote, startedAt } of this.state.playingEmotes(now)) {
      const avatar = view.avatars.get(entity);
      if (!avatar) continue;
      let pose = this.poses.get(entity);
      if (!pose) this.poses.set(entity, (pose = { lift: 0, spin: 0, roll: 0, pitch: 0 }));
      if (!emotePose(emote, now - startedAt, pose)) continue;
      avatar.pose = pose;
      this.playing.push({ entity, emote });
    }
    if (this.poses.size > this.playing.length) {
      for (const entity of this.poses.keys()) if (!this.playing.some((p) => p.entity === entity)) this.poses.delete(entity);
    }
  }

  /** Moves the speech bubbles over their speakers as drawn with `camera` this frame (call after drawing). */
  place(now: number, view: WorldView, camera: THREE.Camera): void {
    this.bubbles.frame(this.state.liveBubbles(now), view, camera);
  }

  /** For the debug hook: the bubbles on screen and the emotes being played this frame. */
  debug(): { bubbles: { entity: string; text: string }[]; emotes: { entity: string; emote: EmoteName }[] } {
    return { bubbles: this.bubbles.visible(), emotes: this.playing.map((p) => ({ ...p })) };
  }

  dispose(): void {
    this.bubbles.dispose();
  }

  private transmit(payload: ChatLineToSend): boolean {
    const seq = this.net.sendChat(payload);
    if (seq === undefined) {
      this.state.notice("not connected: the line was not sent");
      return false;
    }
    this.state.noteSent(seq);
    return true;
  }
}
