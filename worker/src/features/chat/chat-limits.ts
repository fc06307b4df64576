import type { ActionLimit } from "../room-context.ts";

/**
 * The per-player action budgets of chat (token buckets spent through ctx.spend, one bucket per player and action,
 * shared by all of that player's connections). Build previews have theirs in build-server.ts, spent the same way,
 * and refusals of either feed the room's one flood escalation.
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

export const CHAT_LIMITS: Record<ChatAction, ActionLimit> = {
  // About 5 lines per 10 s, with all 5 at once: a fast typist answering a burst never notices, a script does.
  chat: { perSecond: 0.5, burst: 5, describe: "at most 5 lines per 10 seconds" },
  // One a second: an animation lasts about that long, so more is only noise over everyone's avatar.
  emote: { perSecond: 1, burst: 1, describe: "at most 1 emote per second" },
  // An owner muting or kicking several players in a row, or a `/who` now and then; a `/who` answers with the
  // whole player list, so a flood of them is refused like any other.
  command: { perSecond: 1, burst: 5, describe: "at most 1 command per second" },
};

/**
 * The flood escalation's automatic mute (chat's `flooded` hook): long enough to make a script's author notice,
 * short enough not to punish a burst of keys.
 */
export const FLOOD_MUTE_MS = 60_000;
