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
  errors: {
    muted: "A chat line from a muted player; `secondsLeft` says how long the mute still lasts.",
    unknown_command: "A chat line starting with `/` that names no command (`/help` lists them).",
    invalid_command: "A slash command whose arguments do not match its usage (the message gives the usage), e.g. `/emote` alone.",
    forbidden: "A slash command the sender may not run (moderation is the room owner's).",
    no_such_player: "A slash command's player name matched nobody in the room, or more than one player.",
  },
});
