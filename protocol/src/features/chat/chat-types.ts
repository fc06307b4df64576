/** The chat feature's wire shapes (ARCHITECTURE.md "World features" → chat). */

/** Longest chat line, in characters (Unicode code points) after cleaning: a tweet's worth, one line of a panel. */
export const MAX_CHAT_TEXT_LENGTH = 280;

/** How many room-wide lines a room keeps and sends a newcomer (`history`): a screenful of context, bounded rows. */
export const CHAT_HISTORY_SIZE = 50;

/** `nearby` lines reach the players within this many metres of the speaker: about the width of a view on screen. */
export const NEARBY_CHAT_RADIUS = 20;

/**
 * Who a line reaches. `room`: everyone in the room. `nearby`: players within NEARBY_CHAT_RADIUS of the speaker at
 * that tick. `whisper`: the sender and the named player only (`/w`). `emote`: everyone, as an action (`/me waves`).
 * `party`: the members of the sender's party who are in the room (`/p <text>` on the page).
 */
export const ChatScope = { room: "room", nearby: "nearby", whisper: "whisper", emote: "emote", party: "party" } as const;
export type ChatScope = (typeof ChatScope)[keyof typeof ChatScope];

/** The scopes `chat.send` may name; whispers and emotes are slash commands (`/w`, `/me`). */
export const SEND_SCOPES = [ChatScope.room, ChatScope.nearby, ChatScope.party] as const;
export type SendScope = (typeof SEND_SCOPES)[number];

/** `chat.send`: one line. A line that starts with `/` is a slash command (`/help` lists them). */
export interface ChatSendPayload {
  /** 1..MAX_CHAT_TEXT_LENGTH characters after cleaning (control characters stripped, trimmed). */
  text: string;
  /** `room` when absent. Ignored for slash commands (`/w` and `/me` choose their own). */
  scope?: SendScope;
}

/** `chat.message`: a line someone said. */
export interface ChatMessagePayload {
  /** Room-wide increasing id (never reused, also across restarts). */
  id: number;
  /** The speaker's playerId. */
  from: string;
  /** The speaker's name when they said it. */
  name: string;
  /** The line as everyone sees it (profanity masked with `*` unless the room turned the filter off). */
  text: string;
  scope: ChatScope;
  /** Server time (ms since the epoch) it was said. */
  at: number;
  /** The speaker's entity id when they said it (for a speech bubble); absent in `history`. */
  entity?: string;
  /** Whispers: the recipient's playerId and name (both sides see them, so the sender's page can show "to …"). */
  to?: string;
  toName?: string;
}

/** `chat.history`: the room's last CHAT_HISTORY_SIZE room-wide lines (`room` and `emote`), oldest first. */
export interface ChatHistoryPayload {
  messages: ChatMessagePayload[];
}

/** One player in a `/who` answer. */
export interface ChatWhoEntry {
  playerId: string;
  entity: string;
  name: string;
  /** The room owner (may moderate). */
  owner: boolean;
  muted: boolean;
}

/** One command in a `/help` answer: only those the asker may run. */
export interface ChatHelpEntry {
  name: string;
  aliases: string[];
  /** e.g. `/mute <player> [minutes]`. */
  usage: string;
  help: string;
  /** Only the room owner may run it. */
  ownerOnly: boolean;
}

/** Why a player is muted: by the room owner (`/mute`), or automatically for flooding. */
export const MuteReason = { owner: "owner", flood: "flood" } as const;
export type MuteReason = (typeof MuteReason)[keyof typeof MuteReason];

/** The receiving player's own mute state (a muted indicator): `secondsLeft: 0` means they may chat again. */
export interface ChatMuteState {
  secondsLeft: number;
  /** Server time (ms) the mute ends; 0 when not muted. */
  until: number;
  reason?: MuteReason;
}

/**
 * `chat.system`: an answer to the sender (a command's result, a notice). `text` is always there for a plain
 * panel; the optional fields carry the same answer as data for a page that shows more.
 */
export interface ChatSystemPayload {
  text: string;
  /** The answer to `/who`: everyone in the room. */
  who?: ChatWhoEntry[];
  /** The answer to `/help`. */
  commands?: ChatHelpEntry[];
  /** Sent to a player when their mute state changes, and on join while muted. */
  mute?: ChatMuteState;
  /** The room's profanity filter state, when it changed or was asked about (`/filter`). */
  filter?: boolean;
}

/**
 * The emotes `/emote <name>` plays (event `emote`, the avatar animates). Append only: pages key animations by name.
 */
export const EMOTES = ["wave", "dance", "cheer", "bow", "laugh", "clap", "sit", "point"] as const;
export type EmoteName = (typeof EMOTES)[number];

/** `chat.emote`: an avatar plays an emote, sent to everyone in the room. */
export interface ChatEmotePayload {
  entity: string;
  emote: EmoteName;
}
