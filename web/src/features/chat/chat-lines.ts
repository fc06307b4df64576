import type { ChatHelpEntry, ChatMessagePayload, ChatWhoEntry } from "@edgehold/protocol";

/** What a panel line is: a said line (its scope), or a system line (an answer, a notice, a refusal). */
export type ChatLineKind = "room" | "nearby" | "whisper" | "emote" | "party" | "system";

/**
 * Colour of each kind of line, readable on the HUD's dark panel: room lines plain, nearby green (local, like
 * proximity voice), whispers violet (private), emotes amber (an action, not speech), party sky blue (a team's
 * channel, as in most MMOs), system grey-blue.
 */
export const SCOPE_COLORS: Readonly<Record<ChatLineKind, string>> = {
  room: "#e8edf2",
  nearby: "#8ce99a",
  whisper: "#d0a2ff",
  emote: "#ffd166",
  party: "#74c0fc",
  system: "#9fb4c7",
};

/** A line of the panel. */
export interface ChatLine {
  /** Unique on this page (React's key): the message id for said lines, a local counter for system lines. */
  key: string;
  kind: ChatLineKind;
  /** Who said it (said lines). */
  name?: string;
  /** The speaker's playerId (said lines). */
  from?: string;
  text: string;
  /** A refusal (muted, rate_limited, unknown_command…): drawn as an error. */
  error?: boolean;
  /** Whispers: the other side's name, `outgoing` when this player sent it (clicking replies to `with`). */
  whisper?: { with: string; outgoing: boolean };
  /** `/who`'s answer, shown as a list. */
  who?: ChatWhoEntry[];
  /** `/help`'s answer, shown as a list. */
  commands?: ChatHelpEntry[];
  /** Came with `chat.history` (said before this page joined). */
  history?: boolean;
}

/** The line of a said message, from this player's point of view (`selfPlayerId`: whisper direction). */
export function lineOf(message: ChatMessagePayload, selfPlayerId: string | undefined, history = false): ChatLine {
  const line: ChatLine = { key: `m${message.id}`, kind: message.scope, name: message.name, from: message.from, text: message.text };
  if (history) line.history = true;
  if (message.scope === "whisper") {
    const outgoing = message.from === selfPlayerId;
    line.whisper = { with: (outgoing ? message.toName : message.name) ?? message.to ?? message.from, outgoing };
  }
  return line;
}

/** How a line reads in the panel after its name (emotes read as an action: "Ann waves"). */
export function lineLabel(line: ChatLine): string {
  if (line.kind === "system") return "";
  if (line.kind === "emote") return `* ${line.name ?? "?"}`;
  if (line.kind === "whisper" && line.whisper) return line.whisper.outgoing ? `to ${line.whisper.with}:` : `${line.name ?? "?"} whispers:`;
  if (line.kind === "nearby") return `${line.name ?? "?"} (nearby):`;
  if (line.kind === "party") return `${line.name ?? "?"} (party):`;
  return `${line.name ?? "?"}:`;
}
