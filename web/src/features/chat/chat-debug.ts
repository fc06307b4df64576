import type { EmoteName } from "@edgehold/protocol";
import { isTyping } from "../../input/keyboard.ts";
import type { ChatState } from "./chat-state.ts";

/** Chat's section of `window.__edgehold.state()`: the panel's lines, bubbles on screen, emotes playing, the mute. */
export interface ChatDebug {
  lines: { kind: string; name: string | undefined; text: string; error: boolean; history: boolean; who: string[] | undefined }[];
  bubbles: { entity: string; text: string }[];
  emotes: { entity: string; emote: string }[];
  mutedSecondsLeft: number;
  /** Whether a field (the chat input) has the keyboard. */
  typing: boolean;
}

/** Fresh plain data for the end-to-end tests, from the room's chat state and what the controller shows. */
export function chatDebugState(
  state: ChatState,
  shown: { bubbles: { entity: string; text: string }[]; emotes: { entity: string; emote: EmoteName }[] },
): ChatDebug {
  return {
    lines: state.getSnapshot().lines.map((line) => ({
      kind: line.kind,
      name: line.name,
      text: line.text,
      error: line.error === true,
      history: line.history === true,
      who: line.who?.map((p) => p.name),
    })),
    bubbles: shown.bubbles,
    emotes: shown.emotes,
    mutedSecondsLeft: state.mutedSecondsLeft(),
    typing: isTyping(document.activeElement),
  };
}

declare module "../../debug/debug-hook.ts" {
  interface DebugSections {
    /** The panel's lines, bubbles, emotes playing, the mute, whether the input has focus. */
    chat: ChatDebug;
  }
}
