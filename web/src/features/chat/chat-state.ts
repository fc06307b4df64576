import {
  ErrorCode,
  type ChatEmotePayload,
  type ChatMessagePayload,
  type ChatSystemPayload,
  type EmoteName,
  type ErrorPayload,
  type MuteReason,
} from "@edgehold/protocol";
import { lineOf, type ChatLine } from "./chat-lines.ts";
import { localState } from "../local-state.ts";
import { notifyAfterNextFrame } from "../../loop/outside-frame.ts";
import { EMOTE_DURATION_MS } from "./emote-poses.ts";

/** Panel lines kept: the 50 of history plus a long session's scrollback, bounded so a chatty room cannot grow it. */
export const MAX_LINES = 200;
/** A bubble stays this long, plus BUBBLE_MS_PER_CHAR per character: a short "hi" 3 s, a long line up to 8 s. */
export const BUBBLE_BASE_MS = 3000;
export const BUBBLE_MS_PER_CHAR = 50;
export const BUBBLE_MAX_MS = 8000;
/** Chat sends whose seq is remembered, to tell their refusals apart from other errors (far more than are in flight). */
const RECENT_SENDS = 32;

/** Error codes only chat commands get: shown as system lines whatever their seq. */
const CHAT_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.muted,
  ErrorCode.unknownCommand,
  ErrorCode.invalidCommand,
  ErrorCode.forbidden,
  ErrorCode.noSuchPlayer,
]);
/** The per-player actions of rate_limited that are chat's (a build preview's is the build feature's business). */
const CHAT_ACTIONS: ReadonlySet<string> = new Set(["chat", "emote"]);

export interface SpeechBubble {
  entity: string;
  text: string;
  scope: "room" | "nearby";
  /** Local time (ms) it disappears. */
  until: number;
}

export interface PlayingEmote {
  entity: string;
  emote: EmoteName;
  /** Local time (ms) it started. */
  startedAt: number;
}

/** What the panel renders: one immutable value per change. */
export interface ChatView {
  lines: readonly ChatLine[];
  /** This player's mute (local time it ends), or undefined. */
  mute: { until: number; reason: MuteReason | undefined } | undefined;
  /** Who `/r` answers: the last player who whispered to this one. */
  replyTo: string | undefined;
}

/**
 * The page's chat, with no view and no network: the panel's lines (history first, then live lines, system lines
 * and refusals), the speech bubbles and emotes playing, this player's mute and whom `/r` answers. The chat client
 * feature feeds it events and errors; the panel subscribes to it (useSyncExternalStore) and is re-rendered only
 * when something changed, at most once a frame: in a busy room lines come in many socket messages between two
 * frames, and a render (and scroll layout) for each would cost the page's frame budget. That render comes in a task
 * after the frame, not inside it (outside-frame.ts), like the rest of the HUD's. Times are the room client's clock
 * (ms).
 */
export class ChatState {
  selfPlayerId: string | undefined;
  private lines: ChatLine[] = [];
  private readonly bubbles = new Map<string, SpeechBubble>();
  private readonly emotes = new Map<string, PlayingEmote>();
  private readonly recentSends: number[] = [];
  private mute: ChatView["mute"];
  private replyTo: string | undefined;
  private systemCount = 0;
  private view: ChatView | undefined;
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;

  constructor(
    readonly now: () => number = () => performance.now(),
    private readonly schedule: (flush: () => void) => void = notifyAfterNextFrame,
  ) {}

  // -- from the room -----------------------------------------------------------------------------------------

  /** A live line: shown, and above the speaker's head if it is said aloud (room or nearby). */
  onMessage(message: ChatMessagePayload): void {
    const line = lineOf(message, this.selfPlayerId);
    if (this.has(line.key)) return;
    this.append(line);
    if (line.whisper && !line.whisper.outgoing) this.replyTo = line.whisper.with;
    if ((message.scope === "room" || message.scope === "nearby") && message.entity !== undefined) {
      const duration = Math.min(BUBBLE_MAX_MS, BUBBLE_BASE_MS + BUBBLE_MS_PER_CHAR * message.text.length);
      this.bubbles.set(message.entity, { entity: message.entity, text: message.text, scope: message.scope, until: this.now() + duration });
    }
    this.changed();
  }

  /**
   * The room's recent lines, right after a welcome: shown before everything said since. After a reconnect the
   * room sends them again: lines already shown are skipped, newer ones (missed while away) come after.
   */
  onHistory(messages: readonly ChatMessagePayload[]): void {
    const fresh = messages.map((m) => lineOf(m, this.selfPlayerId, true)).filter((line) => !this.has(line.key));
    if (fresh.length === 0) return;
    const firstShownId = Math.min(...this.lines.filter((l) => l.key.startsWith("m")).map((l) => Number(l.key.slice(1))));
    const older = fresh.filter((line) => Number(line.key.slice(1)) < firstShownId);
    const newer = fresh.filter((line) => Number(line.key.slice(1)) >= firstShownId);
    this.lines = [...older, ...this.lines, ...newer].slice(-MAX_LINES);
    this.changed();
  }

  onSystem(payload: ChatSystemPayload): void {
    if (payload.mute) this.setMute(payload.mute.secondsLeft, payload.mute.reason);
    const line: ChatLine = { key: this.systemKey(), kind: "system", text: payload.text };
    if (payload.who) line.who = payload.who;
    if (payload.commands) line.commands = payload.commands;
    this.append(line);
    this.changed();
  }

  onEmote(payload: ChatEmotePayload): void {
    this.emotes.set(payload.entity, { entity: payload.entity, emote: payload.emote, startedAt: this.now() });
    this.changed();
  }

  /**
   * An `error` envelope: a refusal of one of this page's chat lines (its seq), or a chat-only code, becomes a
   * system line (and `muted` updates the indicator). Anything else is not chat's: false.
   */
  onError(error: ErrorPayload, seq: number | undefined): boolean {
    const ours = seq !== undefined && this.recentSends.includes(seq);
    const chatRateLimit = error.code === ErrorCode.rateLimited && error.action !== undefined && CHAT_ACTIONS.has(error.action);
    if (!ours && !CHAT_ERROR_CODES.has(error.code) && !chatRateLimit) return false;
    if (error.code === ErrorCode.muted && error.secondsLeft !== undefined) this.setMute(error.secondsLeft, this.mute?.reason);
    this.append({ key: this.systemKey(), kind: "system", error: true, text: refusalText(error) });
    this.changed();
    return true;
  }

  // -- from the page -----------------------------------------------------------------------------------------

  /** Remembers a sent line's seq, so that its refusal (which names the seq) shows here. */
  noteSent(seq: number): void {
    this.recentSends.push(seq);
    if (this.recentSends.length > RECENT_SENDS) this.recentSends.shift();
  }

  /** A line the page itself shows (e.g. "/r: nobody has whispered to you yet"). */
  notice(text: string, error = true): void {
    this.append({ key: this.systemKey(), kind: "system", text, ...(error ? { error } : {}) });
    this.changed();
  }

  /** Bubbles still showing at `now` (expired ones are dropped). */
  liveBubbles(now = this.now()): IterableIterator<SpeechBubble> {
    for (const [entity, bubble] of this.bubbles) if (bubble.until <= now) this.bubbles.delete(entity);
    return this.bubbles.values();
  }

  /** Emotes still playing at `now` (finished ones are dropped). */
  playingEmotes(now = this.now()): IterableIterator<PlayingEmote> {
    for (const [entity, playing] of this.emotes) if (now - playing.startedAt >= EMOTE_DURATION_MS[playing.emote]) this.emotes.delete(entity);
    return this.emotes.values();
  }

  /** Whole seconds of mute left at `now` (0: may chat). */
  mutedSecondsLeft(now = this.now()): number {
    return this.mute ? Math.max(0, Math.ceil((this.mute.until - now) / 1000)) : 0;
  }

  // -- the store the panel subscribes to ----------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ChatView => {
    this.view ??= { lines: this.lines, mute: this.mute, replyTo: this.replyTo };
    return this.view;
  };

  private setMute(secondsLeft: number, reason: MuteReason | undefined): void {
    this.mute = secondsLeft > 0 ? { until: this.now() + secondsLeft * 1000, reason } : undefined;
  }

  private has(key: string): boolean {
    return this.lines.some((line) => line.key === key);
  }

  private append(line: ChatLine): void {
    this.lines = [...this.lines, line].slice(-MAX_LINES);
  }

  private systemKey(): string {
    return `s${++this.systemCount}`;
  }

  private changed(): void {
    this.view = undefined;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.schedule(this.notify);
  }

  private readonly notify = (): void => {
    this.notifyScheduled = false;
    for (const listener of this.listeners) listener();
  };
}

/** A refusal as the panel says it: the room's own message, with the seconds it names. */
export function refusalText(error: ErrorPayload): string {
  const seconds = error.secondsLeft !== undefined ? ` (${Math.max(1, Math.ceil(error.secondsLeft))} s)` : "";
  switch (error.code) {
    case ErrorCode.muted:
      return `you are muted${seconds}`;
    case ErrorCode.rateLimited:
      return `slow down: too many ${error.action === "emote" ? "emotes" : "messages"}${seconds}`;
    default:
      return error.message || error.code;
  }
}

/** This room's chat on the page: one ChatState per room client, shared by the event handlers and the panel. */
export const chatStateKey = localState((now) => new ChatState(now));
