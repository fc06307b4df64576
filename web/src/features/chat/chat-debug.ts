import type { DebugChat } from "../../debug/debug-hook.ts";
import { isTyping } from "../../input/keyboard.ts";
import type { ChatController } from "./chat-controller.ts";

/** The chat part of `window.__edgehold.state()`: fresh plain data, for the end-to-end tests. */
export function chatDebugState(chat: ChatController): DebugChat {
  const { bubbles, emotes } = chat.debug();
  return {
    lines: chat.state.getSnapshot().lines.map((line) => ({
      kind: line.kind,
      name: line.name,
      text: line.text,
      error: line.error === true,
      history: line.history === true,
      who: line.who?.map((p) => p.name),
    })),
    bubbles,
    emotes,
    mutedSecondsLeft: chat.state.mutedSecondsLeft(),
    typing: isTyping(document.activeElement),
  };
}
