import { CloseCode, ErrorCode, eventMessage } from "@edgehold/protocol";
import type { PlayerConnection, RoomContext } from "../features/room-context.ts";
import type { RoomOwner } from "../storage/room-owner.ts";
import type { SqlExec } from "../storage/rows-written.ts";
import { SessionEndReason, type SessionHistoryStore } from "../storage/session-history.ts";
import { secondsUntilNextToken, type ActionRateLimits } from "./action-rate-limits.ts";
import type { Clock } from "./clock.ts";
import type { Connection } from "./connection.ts";
import type { ConnectionHub, EndConnection } from "./connection-hub.ts";
import { FloodEscalation } from "./flood-escalation.ts";
import type { PlayerEntity, RoomWorld } from "./room-world.ts";

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
  log(where: string, error: unknown): void;
}): RoomContext {
  const { world, hub, rateLimits, clock } = parts;
  const floods = new FloodEscalation();
  // Features only ever hold the room's own Connection objects (connections() and connectionOf() hand out nothing else).
  const end = (connection: PlayerConnection, code: number, reason: string, endReason: SessionEndReason) => parts.end(connection as Connection, code, reason, endReason);
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
    nearby: (entityId, radius) => world.playersNear(entityId, radius),
    connections: () => hub.connections.values(),
    connectionOf: (playerId) => hub.byPlayer.get(playerId),
    kick: end,
    clearPlayer: (playerId) => parts.cleared(playerId),
    allow: (playerId, action, limit) => rateLimits.allow(playerId, action, limit, clock.now()),
    spend({ player, connection }, action, limit) {
      const now = clock.now();
      if (rateLimits.allow(player.playerId, action, limit, now)) return undefined;
      const verdict = floods.refused(player.playerId, now);
      if (verdict === "mute") parts.flooded(player, now);
      else if (verdict === "close") end(connection, CloseCode.rateLimited, "kept flooding after an automatic mute", SessionEndReason.kicked);
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
    log: parts.log,
  };
}
