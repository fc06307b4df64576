import type { ErrorCode, ErrorPayload, EventMessageOf, ServerMessage, eventMessage } from "@edgehold/protocol";
import type { ConnectionAttachment } from "../room/connection-attachment.ts";
import type { PlayerEntity, RoomWorld } from "../room/room-world.ts";
import type { SnapshotView } from "../room/snapshot-view.ts";
import type { RoomOwner } from "../storage/room-owner.ts";
import type { DepartedPlayer, SessionEndReason } from "../storage/session-history.ts";
import type { SqlExec } from "../storage/rows-written.ts";
import type { DomainEvent } from "../ops/domain-events.ts";
import type { TelemetryReportPayload } from "@edgehold/protocol";

/** Anything a room sends: the built-in messages, or an event of any registered feature (a test's, say). */
export type OutboundMessage = ServerMessage | EventMessageOf<string, string, object>;

/** One player's live connection, as a feature sees it: who, what it holds, and how to reach it. */
export interface PlayerConnection {
  readonly playerId: string;
  /** What survives on the socket (see ConnectionAttachment); call `saveAttachment` after changing it. */
  readonly attachment: ConnectionAttachment;
  send(message: OutboundMessage): void;
  /** serverTime of the first snapshot sent on this connection (nothing older was ever on its screen). */
  readonly firstSnapshotAt: number | undefined;
  /**
   * The round trip the room measured on this connection (ms, smoothed): from sending a snapshot to receiving its
   * `ackTick`. Undefined until the client confirmed one (see room/read-confirmation.ts).
   */
  readonly rttMs: number | undefined;
  /** The client applied every snapshot up to `ackTick` (it says so on input batches and pings). */
  confirmRead(ackTick: number, now: number): void;
  /** Makes the next snapshot on this connection a `full` one. */
  requestFullSnapshot(): void;
  /** Writes the (changed) attachment back to the socket, so it survives hibernation. */
  saveAttachment(): void;
  /** What of the world its snapshots show from now on (a party's view adds the party's scoped channel); a change starts with a full snapshot. */
  setView(view: SnapshotView): void;
}

/** A token bucket: `perSecond` sustained, `burst` at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** A player's budget for one action, and what its refusal says of it ("at most 5 lines per 10 seconds"). */
export interface ActionLimit extends RateLimit {
  describe: string;
}

/** Who sent a command: the player and the connection it came on (a CommandContext is one). */
export interface Sender {
  readonly player: PlayerEntity;
  readonly connection: PlayerConnection;
}

/** The room's clock: the simulation tick, and wall time. */
export interface RoomClock {
  readonly tick: number;
  now(): number;
}

/**
 * What a feature's handlers, channel collectors and hooks may touch — never the Durable Object itself. Built once
 * per room by the room (see room/create-room-context.ts) and shared by every feature.
 */
export interface RoomContext {
  readonly world: RoomWorld;
  /** The room's SQLite, counting rows written (see storage/rows-written.ts). */
  readonly sql: SqlExec;
  readonly env: Env;
  readonly clock: RoomClock;
  /** The room owner: its creator, or whoever they handed it to (`handTo`); nobody for a room opened by link. */
  readonly owner: Pick<RoomOwner, "playerId" | "is" | "handTo">;
  /** Players who left the room at or after `since` (ms), latest first, with the name they last had here. */
  departedSince(since: number): DepartedPlayer[];
  /** Sends to one player's connection (nothing if they have none). */
  send(playerId: string, message: OutboundMessage): void;
  /** Sends to every connection, except `exceptPlayerId`'s. */
  broadcast(message: OutboundMessage, exceptPlayerId?: string): void;
  /**
   * Sends an event about entity `entityId` to the connections that have it in view, and to the players it and the
   * entities `involved` are (combat's `hit` to its shooter, chat's `emote`); in a room without an interest radius,
   * to everyone.
   */
  sendToViewersOf(entityId: string, message: OutboundMessage, involved?: readonly string[]): void;
  /**
   * The players within `radius` metres of entity `entityId` (a player, itself included, or a creature), by the
   * simulation's positions now (the last step's), in join order: a query of the room's grid of bodies (what is near
   * costs what is near). Nobody for an unknown entity.
   */
  nearby(entityId: string, radius: number): PlayerEntity[];
  /** Every live connection. */
  connections(): Iterable<PlayerConnection>;
  /** The player's live connection, if they have one. */
  connectionOf(playerId: string): PlayerConnection | undefined;
  /**
   * Removes what `playerId` placed in the world (every feature's `clear` hook: their structures), stored first; the
   * room owner's `/clear` and `/ban`. Returns how many things went.
   */
  clearPlayer(playerId: string): number;
  /** Ends a connection from the server side: closes it with `code` and records why. */
  kick(connection: PlayerConnection, code: number, reason: string, endReason: SessionEndReason): void;
  /**
   * One token of `playerId`'s bucket for `action` (one token bucket per player and action, kept when they leave:
   * rejoining is no refill). False: over the limit, and nothing else happens (the caller decides, e.g. skips an
   * emote's animation). For refusals the player is told of, use `charge` or `spend`.
   */
  allow(playerId: string, action: string, limit: RateLimit): boolean;
  /**
   * As `allow`, for an action the feature refuses in its own words (build's `too_fast`): a refusal also counts
   * towards the room's one flood escalation (room/flood-escalation.ts), like `spend`'s.
   */
  charge(player: PlayerEntity, action: string, limit: RateLimit): boolean;
  /**
   * One token of the sender's bucket for `action` (as `allow`), or the refusal to return: `rate_limited` naming the
   * action, with the seconds until its next token, and no protocol strike. Every feature's refusals feed the room's
   * one flood escalation (room/flood-escalation.ts): a player who keeps going over their limits gets the features'
   * `flooded` hook (chat mutes them and tells them), then a 4008 close.
   */
  spend(sender: Sender, action: string, limit: ActionLimit): CommandOutcome | undefined;
  /** An `event` envelope, typed by the feature's protocol definition (protocol's `eventMessage`). */
  readonly event: typeof eventMessage;
  /**
   * Publishes a domain event (`player.killed`, `player.banned`: ops/domain-events.ts) with this room's code and the
   * time, in the background: the action that caused it never waits for the queue or fails because of it.
   */
  publish(event: Omit<DomainEvent, "at" | "room">): void;
  /** The room's code (for log lines); undefined before anyone joined. */
  roomCode(): string | undefined;
  /** What a page reported of itself (`telemetry.report`): into the room's figures (corrections, frame time). */
  reportTelemetry(connection: PlayerConnection, report: TelemetryReportPayload): void;
  /** Logs an error with the room's name. */
  log(where: string, error: unknown): void;
}

/** A handled command is acked; `notice` is an extra `error` envelope the client should see (the ack still stands). */
export type CommandOutcome =
  | { ok: true; notice?: { code: ErrorCode; message: string } }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      /** Counts towards the 4002 bad-frame limit (default true): a refused token is no protocol abuse. */
      strike?: boolean;
      /** More of the `error` payload: which action was rate limited, seconds left of a mute or a limit. */
      details?: Pick<ErrorPayload, "reason" | "action" | "secondsLeft">;
    };
