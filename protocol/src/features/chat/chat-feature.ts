import { command, defineFeature, event } from "../define-feature.ts";
import type { ChatEmotePayload, ChatHistoryPayload, ChatMessagePayload, ChatSystemPayload } from "./chat-types.ts";
import { parseChatSend } from "./chat-validators.ts";

/**
 * Chat: `chat.send` (a line, or a slash command), acked. Events: `message` (a line, to exactly its scope's
 * players), `history` (right after the welcome), `system` (answers to the sender), `emote` (to everyone). No
 * snapshot channels: chat is one-off, never state.
 */
export const chatFeature = defineFeature("chat", {
  commands: { send: command(parseChatSend) },
  events: {
    message: event<ChatMessagePayload>(),
    history: event<ChatHistoryPayload>(),
    system: event<ChatSystemPayload>(),
    emote: event<ChatEmotePayload>(),
  },
  channels: {},
});
