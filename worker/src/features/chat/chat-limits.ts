import type { RateLimit } from "../room-context.ts";

/**
 * The per-player action budgets of chat (token buckets: ctx.allow, one bucket per player and action, shared by
 * all of that player's connections). Build previews have theirs in build-server.ts, by the same mechanism.
 */
export const ChatAction = {
  /** Lines others read: plain lines, `/me`, `/w`. */
  chat: "chat",
  /** `/emote`: an avatar animation everyone sees. */
  emote: "emote",
  /** Commands that only answer the sender or moderate (`/who`, `/help`, `/mute`, …) and unknown commands. */
  command: "command",
} as const;
export type ChatAction = (typeof ChatAction)[keyof typeof ChatAction];

export const CHAT_LIMITS: Record<ChatAction, RateLimit & { describe: string }> = {
  // About 5 lines per 10 s, with all 5 at once: a fast typist answering a burst never notices, a script does.
  chat: { perSecond: 0.5, burst: 5, describe: "at most 5 lines per 10 seconds" },
  // One a second: an animation lasts about that long, so more is only noise over everyone's avatar.
  emote: { perSecond: 1, burst: 1, describe: "at most 1 emote per second" },
  // An owner muting or kicking several players in a row, or a `/who` now and then; a `/who` answers with the
  // whole player list, so a flood of them is refused like any other.
  command: { perSecond: 1, burst: 5, describe: "at most 1 command per second" },
};

/** Seconds until a bucket of `limit` grants its next token (it was just refused, so at most one token's wait). */
export function secondsUntilNextToken(limit: RateLimit): number {
  return Math.ceil(1 / limit.perSecond);
}
