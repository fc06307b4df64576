import { createElement, type ReactNode } from "react";
import type { chatFeature, EmoteName, SendScope } from "@edgehold/protocol";
import type { AvatarPose } from "../../render/world-view.ts";
import type { FeatureController, FeatureSession } from "../feature-session.ts";
import { chatDebugState, type ChatDebug } from "./chat-debug.ts";
import { ChatPanel, type ChatPanelModel } from "./ChatPanel.tsx";
import { chatStateKey, type ChatState } from "./chat-state.ts";
import { composeLine, type ChatLineToSend } from "./compose-line.ts";
import { emotePose } from "./emote-poses.ts";
import { SpeechBubbleLayer } from "./speech-bubble-layer.ts";

/** What the chat controller uses of its session. */
export type ChatSession = Pick<FeatureSession<typeof chatFeature>, "net" | "send" | "container" | "view" | "camera">;

/**
 * Chat on the page, put together: the room's ChatState (fed by the chat client feature), the panel in the HUD
 * (sending lines and emotes), speech bubbles over the scene and emote poses on the avatars: each frame the living
 * avatars that play an emote are posed (an avatar another feature posed this frame, a dead one, is left as it is),
 * and after the scene is drawn the bubbles follow their speakers.
 */
export class ChatController implements FeatureController, ChatPanelModel {
  readonly state: ChatState;
  readonly hud: ReactNode;
  private readonly bubbles: SpeechBubbleLayer;
  /** One reusable pose per avatar playing an emote (no allocation per frame). */
  private readonly poses = new Map<string, AvatarPose>();
  private readonly playing: { entity: string; emote: EmoteName }[] = [];

  constructor(private readonly session: ChatSession) {
    this.state = session.net.local(chatStateKey);
    this.bubbles = new SpeechBubbleLayer(session.container);
    this.hud = createElement(ChatPanel, { chat: this });
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

  /** Writes this frame's emote poses into the view's avatars that no other feature posed (call before drawing). */
  frame(now: number): void {
    const { view } = this.session;
    this.state.selfPlayerId = this.session.net.welcome?.playerId;
    this.playing.length = 0;
    for (const { entity, emote, startedAt } of this.state.playingEmotes(now)) {
      const avatar = view.avatars.get(entity);
      if (!avatar || avatar.pose) continue;
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

  /** Moves the speech bubbles over their speakers as drawn with this frame's camera (call after drawing). */
  afterDraw(now: number): void {
    this.bubbles.frame(this.state.liveBubbles(now), this.session.view, this.session.camera());
  }

  debug(): ChatDebug {
    return chatDebugState(this.state, { bubbles: this.bubbles.visible(), emotes: this.playing.map((p) => ({ ...p })) });
  }

  dispose(): void {
    this.bubbles.dispose();
  }

  private transmit(payload: ChatLineToSend): boolean {
    const seq = this.session.send("send", payload);
    if (seq === undefined) {
      this.state.notice("not connected: the line was not sent");
      return false;
    }
    this.state.noteSent(seq);
    return true;
  }
}
