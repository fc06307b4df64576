import { eventMessage } from "@edgehold/protocol";
import type { RoomContext } from "../features/room-context.ts";
import type { SqlExec } from "../storage/rows-written.ts";
import type { ActionRateLimits } from "./action-rate-limits.ts";
import type { Connection } from "./connection.ts";
import type { ConnectionHub, EndConnection } from "./connection-hub.ts";
import type { RoomWorld } from "./room-world.ts";

/** The context every feature of one room shares, made of the room's pieces (never the Durable Object itself). */
export function createRoomContext(parts: {
  world: RoomWorld;
  sql: SqlExec;
  env: Env;
  hub: ConnectionHub;
  rateLimits: ActionRateLimits;
  end: EndConnection;
  log(where: string, error: unknown): void;
}): RoomContext {
  const { world, hub, rateLimits } = parts;
  return {
    world,
    sql: parts.sql,
    env: parts.env,
    clock: {
      get tick() {
        return world.tick;
      },
      now: () => Date.now(),
    },
    send: (playerId, message) => hub.send(playerId, message),
    broadcast: (message, exceptPlayerId) => hub.broadcast(message, exceptPlayerId),
    nearby: (entityId, radius) => world.playersNear(entityId, radius),
    connections: () => hub.connections.values(),
    // Features only ever hold the room's own Connection objects (connections() hands out nothing else).
    kick: (connection, code, reason, endReason) => parts.end(connection as Connection, code, reason, endReason),
    allow: (playerId, action, limit) => rateLimits.allow(playerId, action, limit, Date.now()),
    event: eventMessage,
    log: parts.log,
  };
}
