import { chatFeature } from "@edgehold/protocol";
import { defineClientFeature, type ClientFeatureContext } from "../client-feature.ts";
import { ChatController } from "./chat-controller.ts";
import { chatStateKey } from "./chat-state.ts";

const chatOf = (context: ClientFeatureContext) => context.local(chatStateKey);

/**
 * Chat on the page: lines, history, system answers and emotes go into the room's ChatState; refusals of this
 * page's chat lines (and the chat-only error codes) become system lines there. No channels: chat is events only.
 * On screen (chat-controller.ts): the panel, speech bubbles and emote poses.
 */
export const chatClient = defineClientFeature(chatFeature, {
  events: {
    message: (payload, context) => chatOf(context).onMessage(payload),
    history: (payload, context) => chatOf(context).onHistory(payload.messages),
    system: (payload, context) => chatOf(context).onSystem(payload),
    emote: (payload, context) => chatOf(context).onEmote(payload),
  },
  channels: {},
  error: (error, seq, context) => chatOf(context).onError(error, seq),
  controller: (session) => new ChatController(session),
});
