import {
  chatFeature,
  ChatScope,
  ErrorCode,
  MuteReason,
  NEARBY_CHAT_RADIUS,
  type ChatMessagePayload,
  type ChatMuteState,
  type ChatSystemPayload,
  type EmoteName,
} from "@edgehold/protocol";
import type { SqlExec } from "../../storage/rows-written.ts";
import { partyMembers } from "../services/party-members.ts";
import type { CommandOutcome } from "../room-context.ts";
import type { CommandContext, FeatureContext } from "../server-feature.ts";
import { ChatHistory } from "./chat-history.ts";
import { ChatSettings } from "./chat-settings.ts";
import { ModerationStore } from "./moderation-store.ts";
import type { NamedPlayer } from "./player-lookup.ts";
import { maskProfanity } from "./profanity-filter.ts";

type ChatContext = CommandContext<ChatRoom>;

/** What one line says and to whom: `to` for whispers. */
export interface Line {
  text: string;
  scope: ChatScope;
  to?: NamedPlayer;
}

/** What everyone in the room heard (room lines, `/me`): broadcast, and kept for newcomers. Nearby lines and whispers never are. */
function isRoomWide(scope: ChatScope): boolean {
  return scope === ChatScope.room || scope === ChatScope.emote;
}

/**
 * The chat of one room: its history, mutes and bans, and settings, and the two things every line comes down to
 * — whether the sender is muted, and saying it to exactly its scope's players. (Budgets are spent through the room
 * context, whose flood escalation mutes through `mute` here.)
 */
export class ChatRoom {
  readonly history: ChatHistory;
  readonly moderation: ModerationStore;
  readonly settings: ChatSettings;
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
    this.nextId = Math.max(this.history.lastId + 1, now);
  }

  /** The player's own mute state, for their page's muted indicator (secondsLeft 0: not muted). */
  muteState(playerId: string, now: number): ChatMuteState {
    const mute = this.moderation.muteOf(playerId, now);
    if (!mute) return { secondsLeft: 0, until: 0 };
    return { secondsLeft: Math.ceil((mute.until - now) / 1000), until: mute.until, reason: mute.reason };
  }

  /** What a muted player is told (when muted, on every join, and when they try to chat), or undefined: not muted. */
  muteNotice(playerId: string, now: number): (ChatSystemPayload & { mute: ChatMuteState }) | undefined {
    const mute = this.muteState(playerId, now);
    if (mute.secondsLeft <= 0) return undefined;
    const by = mute.reason === MuteReason.flood ? "for flooding" : "by the room owner";
    return { text: `You are muted ${by} for ${describeSeconds(mute.secondsLeft)}.`, mute };
  }

  /** The `muted` outcome for a player who may not chat now, or undefined. */
  mutedOutcome(playerId: string, now: number): CommandOutcome | undefined {
    const notice = this.muteNotice(playerId, now);
    if (!notice) return undefined;
    return { ok: false, code: ErrorCode.muted, message: notice.text, strike: false, details: { secondsLeft: notice.mute.secondsLeft } };
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
      name: player.name,
      text: this.settings.profanityFilter ? maskProfanity(line.text) : line.text,
      scope: line.scope,
      at: now,
      entity: player.entityId,
    };
    if (line.to) {
      message.to = line.to.playerId;
      message.toName = line.to.name;
    }
    const event = context.event(chatFeature, "message", message);
    if (line.scope === ChatScope.party) {
      // The members of the sender's party who are here (themself included); nobody else hears of it.
      const members = context.service(partyMembers)?.presentWith(player.playerId);
      if (!members) return { ok: false, code: ErrorCode.notAMember, message: "you are in no party: party chat needs one", strike: false };
      for (const member of members) context.send(member, event);
      return { ok: true };
    }
    if (isRoomWide(line.scope)) {
      this.history.append(message);
      context.broadcast(event);
    } else if (line.scope === ChatScope.nearby) for (const near of context.nearby(player.entityId, NEARBY_CHAT_RADIUS)) context.send(near.playerId, event);
    else {
      context.send(player.playerId, event);
      if (line.to && line.to.playerId !== player.playerId) context.send(line.to.playerId, event);
    }
    return { ok: true };
  }

  /** An avatar plays an emote: everyone who has it in view sees it (everyone, in a room without an interest radius). */
  playEmote(context: ChatContext, emote: EmoteName): void {
    context.sendToViewersOf(context.player.entityId, context.event(chatFeature, "emote", { entity: context.player.entityId, emote }));
  }

  /** Mutes `target` for `ms` (stored first), and tells them if they are here. */
  mute(context: FeatureContext<ChatRoom>, target: NamedPlayer, ms: number, reason: MuteReason, now: number): void {
    // A flood mute never shortens a longer mute the owner gave; an owner's `/mute` sets the length they chose.
    const current = reason === MuteReason.flood ? this.moderation.muteOf(target.playerId, now) : undefined;
    const until = Math.max(now + ms, current?.until ?? 0);
    this.moderation.mute({ playerId: target.playerId, name: target.name, until, reason: current?.reason ?? reason });
    const notice = this.muteNotice(target.playerId, now);
    if (notice) context.send(target.playerId, context.event(chatFeature, "system", notice));
  }

  /** Lifts `target`'s mute (stored first) and tells them; false when they were not muted. */
  unmute(context: FeatureContext<ChatRoom>, target: NamedPlayer, now: number): boolean {
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
