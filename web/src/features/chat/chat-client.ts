import { chatFeature } from "@edgehold/protocol";
import { defineClientFeature, localState, type ClientFeatureContext } from "../client-feature.ts";
import { ChatState } from "./chat-state.ts";

/** This room's chat on the page: one ChatState per room client, shared by the event handlers and the panel. */
export const chatStateKey = localState((now) => new ChatState(now));

const chatOf = (context: ClientFeatureContext) => context.local(chatStateKey);

/**
 * Chat on the page: lines, history, system answers and emotes go into the room's ChatState; refusals of this
 * page's chat lines (and the chat-only error codes) become system lines there. No channels: chat is events only.
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
});
