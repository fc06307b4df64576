import {
  chatFeature,
  ChatScope,
  CloseCode,
  ErrorCode,
  MuteReason,
  NEARBY_CHAT_RADIUS,
  type ChatMessagePayload,
  type ChatMuteState,
  type EmoteName,
} from "@edgehold/protocol";
import { RoomMetaStore } from "../../storage/room-meta.ts";
import { RoomOwner } from "../../storage/room-owner.ts";
import type { SqlExec } from "../../storage/rows-written.ts";
import { SessionEndReason } from "../../storage/session-history.ts";
import type { CommandOutcome } from "../room-context.ts";
import type { CommandContext, FeatureContext } from "../server-feature.ts";
import { ChatHistory, isStoredScope } from "./chat-history.ts";
import { CHAT_LIMITS, secondsUntilNextToken, type ChatAction } from "./chat-limits.ts";
import { ChatSettings } from "./chat-settings.ts";
import { FLOOD_MUTE_MS, FloodEscalation } from "./flood-escalation.ts";
import { ModerationStore } from "./moderation-store.ts";
import { maskProfanity } from "./profanity-filter.ts";
import type { TargetPlayer } from "./commands/slash-command.ts";

type ChatContext = CommandContext<ChatRoom>;

/** What one line says and to whom: `to` for whispers. */
export interface Line {
  text: string;
  scope: ChatScope;
  to?: TargetPlayer;
}

/**
 * The chat of one room: its history, mutes and bans, settings and owner, the flood escalation, and the two things
 * every command comes down to — spending a player's action budget, and saying a line to exactly its scope's players.
 */
export class ChatRoom {
  readonly history: ChatHistory;
  readonly moderation: ModerationStore;
  readonly settings: ChatSettings;
  readonly owner: RoomOwner;
  readonly floods = new FloodEscalation();
  /**
   * The next line id. Seeded from the clock (ms) at start and above every stored id: lines that are never stored
   * (nearby, whispers) still get ids that a restart cannot hand out again, unless a room said more than a line per
   * millisecond — its limits allow ~64 a second.
   */
  private nextId: number;

  constructor(sql: SqlExec, now: number) {
    this.history = new ChatHistory(sql);
    this.moderation = new ModerationStore(sql, now);
    this.settings = new ChatSettings(sql);
    this.owner = new RoomOwner(new RoomMetaStore(sql));
    this.nextId = Math.max(this.history.lastId + 1, now);
  }

  /**
   * One token of the sender's `action` budget. Refused: a `rate_limited` outcome naming the action, which is no
   * protocol strike (the flood escalation is its answer instead: an automatic mute, then a 4008 close).
   */
  spend(context: ChatContext, action: ChatAction, now: number): CommandOutcome | undefined {
    const limit = CHAT_LIMITS[action];
    if (context.allow(context.player.playerId, action, limit)) return undefined;
    const refusal: CommandOutcome = {
      ok: false,
      code: ErrorCode.rateLimited,
      message: `${action}: ${limit.describe}`,
      strike: false,
      details: { action, secondsLeft: secondsUntilNextToken(limit) },
    };
    const verdict = this.floods.refused(context.player.playerId, now);
    if (verdict === "mute") {
      this.mute(context, { playerId: context.player.playerId, name: context.player.character.name, entity: context.player }, FLOOD_MUTE_MS, MuteReason.flood, now);
    } else if (verdict === "close") {
      context.kick(context.connection, CloseCode.rateLimited, "kept flooding after an automatic mute", SessionEndReason.kicked);
    }
    return refusal;
  }

  /** The `muted` outcome for a player who may not chat now, or undefined. */
  mutedOutcome(playerId: string, now: number): CommandOutcome | undefined {
    const mute = this.moderation.muteOf(playerId, now);
    if (!mute) return undefined;
    const secondsLeft = Math.ceil((mute.until - now) / 1000);
    const by = mute.reason === MuteReason.flood ? "for flooding" : "by the room owner";
    return { ok: false, code: ErrorCode.muted, message: `you are muted ${by} for ${secondsLeft} more seconds`, strike: false, details: { secondsLeft } };
  }

  /**
   * Says a line from the sender: refused while they are muted; masked (unless the room turned the filter off);
   * a room-wide line is stored BEFORE anyone is sent it; then sent to exactly its scope's players.
   */
  say(context: ChatContext, line: Line, now: number): CommandOutcome {
    const muted = this.mutedOutcome(context.player.playerId, now);
    if (muted) return muted;
    const { player } = context;
    const message: ChatMessagePayload = {
      id: this.nextId++,
      from: player.playerId,
      name: player.character.name,
      text: this.settings.profanityFilter ? maskProfanity(line.text) : line.text,
      scope: line.scope,
      at: now,
      entity: player.entityId,
    };
    if (line.to) {
      message.to = line.to.playerId;
      message.toName = line.to.name;
    }
    if (isStoredScope(line.scope)) this.history.append(message);
    const event = context.event(chatFeature, "message", message);
    if (line.scope === ChatScope.room || line.scope === ChatScope.emote) context.broadcast(event);
    else if (line.scope === ChatScope.nearby) for (const near of context.nearby(player.entityId, NEARBY_CHAT_RADIUS)) context.send(near.playerId, event);
    else {
      context.send(player.playerId, event);
      if (line.to && line.to.playerId !== player.playerId) context.send(line.to.playerId, event);
    }
    return { ok: true };
  }

  /** An avatar plays an emote: everyone in the room sees it. */
  playEmote(context: ChatContext, emote: EmoteName): void {
    context.broadcast(context.event(chatFeature, "emote", { entity: context.player.entityId, emote }));
  }

  /** The player's own mute state, for their page's muted indicator. */
  muteState(playerId: string, now: number): ChatMuteState {
    const mute = this.moderation.muteOf(playerId, now);
    if (!mute) return { secondsLeft: 0, until: 0 };
    return { secondsLeft: Math.ceil((mute.until - now) / 1000), until: mute.until, reason: mute.reason };
  }

  /** Mutes `target` for `ms` (stored first), and tells them if they are here. */
  mute(context: FeatureContext<ChatRoom>, target: TargetPlayer, ms: number, reason: MuteReason, now: number): void {
    // A flood mute never shortens a longer mute the owner gave; an owner's `/mute` sets the length they chose.
    const current = reason === MuteReason.flood ? this.moderation.muteOf(target.playerId, now) : undefined;
    const until = Math.max(now + ms, current?.until ?? 0);
    this.moderation.mute({ playerId: target.playerId, name: target.name, until, reason: current?.reason ?? reason });
    const mute = this.muteState(target.playerId, now);
    const why = mute.reason === MuteReason.flood ? "for flooding" : "by the room owner";
    context.send(target.playerId, context.event(chatFeature, "system", { text: `You are muted ${why} for ${describeSeconds(mute.secondsLeft)}.`, mute }));
  }

  /** Lifts `target`'s mute (stored first) and tells them; false when they were not muted. */
  unmute(context: FeatureContext<ChatRoom>, target: TargetPlayer, now: number): boolean {
    const wasMuted = this.moderation.muteOf(target.playerId, now) !== undefined;
    this.moderation.unmute(target.playerId);
    if (wasMuted) context.send(target.playerId, context.event(chatFeature, "system", { text: "You may chat again.", mute: this.muteState(target.playerId, now) }));
    return wasMuted;
  }
}

/** `90` → "1 minute 30 seconds", `60` → "1 minute", `5` → "5 seconds". */
export function describeSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest > 0 || minutes === 0) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}
