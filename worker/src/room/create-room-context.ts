import { CloseCode, ErrorCode, eventMessage } from "@edgehold/protocol";
import type { PlayerConnection, RateLimit, RoomContext } from "../features/room-context.ts";
import type { RoomOwner } from "../storage/room-owner.ts";
import type { SqlExec } from "../storage/rows-written.ts";
import { SessionEndReason, type SessionHistoryStore } from "../storage/session-history.ts";
import { secondsUntilNextToken, type ActionRateLimits } from "./action-rate-limits.ts";
import type { Clock } from "./clock.ts";
import type { Connection } from "./connection.ts";
import type { ConnectionHub, EndConnection } from "./connection-hub.ts";
import { FloodEscalation } from "./flood-escalation.ts";
import type { PlayerEntity, RoomWorld } from "./room-world.ts";
import type { DomainEvent } from "../ops/domain-events.ts";

/** The context every feature of one room shares, made of the room's pieces (never the Durable Object itself). */
export function createRoomContext(parts: {
  world: RoomWorld;
  sql: SqlExec;
  env: Env;
  clock: Clock;
  hub: ConnectionHub;
  owner: RoomOwner;
  sessions: SessionHistoryStore;
  rateLimits: ActionRateLimits;
  end: EndConnection;
  /** The flood escalation's first step for `player`: the features' `flooded` hooks. */
  flooded(player: PlayerEntity, now: number): void;
  /** The features' `clear` hooks for `playerId` (RoomContext.clearPlayer). */
  cleared(playerId: string): number;
  /** A room with an interest radius: who an event about an entity reaches (RoomInterest.viewersOf); else undefined: everyone. */
  viewersOf?: (entityId: string, involved: readonly string[]) => Iterable<Connection>;
  /** The room's code (stored on its first join). */
  roomCode(): string | undefined;
  /** Publishes a domain event (ops/domain-events.ts), in the background. */
  publish(event: DomainEvent): void;
  log(where: string, error: unknown): void;
}): RoomContext {
  const { world, hub, rateLimits, clock } = parts;
  const floods = new FloodEscalation();
  // Features only ever hold the room's own Connection objects (connections() and connectionOf() hand out nothing else).
  const end = (connection: PlayerConnection, code: number, reason: string, endReason: SessionEndReason) => parts.end(connection as Connection, code, reason, endReason);
  const floodClose = (connection: PlayerConnection) => end(connection, CloseCode.rateLimited, "kept flooding after an automatic mute", SessionEndReason.kicked);
  /** One token of `player`'s `action` bucket; a refusal is a step of the flood escalation (a mute, then `close`). */
  const take = (player: PlayerEntity, action: string, limit: RateLimit, now: number, close: () => void) => {
    if (rateLimits.allow(player.playerId, action, limit, now)) return true;
    const verdict = floods.refused(player.playerId, now);
    if (verdict === "mute") parts.flooded(player, now);
    else if (verdict === "close") close();
    return false;
  };
  return {
    world,
    sql: parts.sql,
    env: parts.env,
    clock: {
      get tick() {
        return world.tick;
      },
      now: () => clock.now(),
    },
    owner: parts.owner,
    departedSince: (since) => parts.sessions.departedSince(since),
    send: (playerId, message) => hub.send(playerId, message),
    broadcast: (message, exceptPlayerId) => hub.broadcast(message, exceptPlayerId),
    sendToViewersOf: (entityId, message, involved = []) =>
      parts.viewersOf ? hub.sendToEach(parts.viewersOf(entityId, involved), message) : hub.broadcast(message),
    nearby: (entityId, radius) => world.playersNear(entityId, radius),
    connections: () => hub.connections.values(),
    connectionOf: (playerId) => hub.byPlayer.get(playerId),
    kick: end,
    clearPlayer: (playerId) => parts.cleared(playerId),
    allow: (playerId, action, limit) => rateLimits.allow(playerId, action, limit, clock.now()),
    // `charge` runs inside a step (build's input hook): the close waits until the step is over (a microtask runs once
    // the step's synchronous work is done), so no body leaves the world while the world iterates its players.
    charge: (player, action, limit) =>
      take(player, action, limit, clock.now(), () =>
        queueMicrotask(() => {
          const connection = hub.byPlayer.get(player.playerId);
          if (connection) floodClose(connection);
        }),
      ),
    spend({ player, connection }, action, limit) {
      if (take(player, action, limit, clock.now(), () => floodClose(connection))) return undefined;
      return {
        ok: false,
        code: ErrorCode.rateLimited,
        message: `${action}: ${limit.describe}`,
        // Refused tokens are no protocol abuse: the flood escalation is their answer.
        strike: false,
        details: { action, secondsLeft: secondsUntilNextToken(limit) },
      };
    },
    event: eventMessage,
    publish: (event) => {
      const room = parts.roomCode();
      parts.publish({ ...event, at: clock.now(), ...(room !== undefined ? { room } : {}) });
    },
    roomCode: () => parts.roomCode(),
    reportTelemetry: (connection, report) => hub.reportTelemetry(connection as Connection, report),
    log: parts.log,
  };
}
