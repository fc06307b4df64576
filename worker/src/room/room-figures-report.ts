import { rowsPerRunningHour, usdOf, usdPerRunningHour } from "../ops/cost-model.ts";
import { quantile, type PlayerFigures, type RoomFigures } from "../ops/room-figures.ts";
import type { Connection } from "./connection.ts";
import type { ConnectionHub } from "./connection-hub.ts";
import type { RoomWorld } from "./room-world.ts";
import type { TickStats } from "./tick-stats.ts";

/** What a room's figures are made of (RoomRuntime has each). */
export interface FigureSources {
  code: string;
  kind: string;
  startedAt: number;
  now: number;
  runningMs: number;
  /** Whether the loop runs now: a stopped room (nobody here) costs nothing per hour now. */
  running: boolean;
  rowsWritten: number;
  tickStats: TickStats;
  hub: ConnectionHub;
  world: RoomWorld;
}

/** The room's figures now (ops/room-figures.ts): counters, quantiles, cost and a row per connected player. */
export function roomFigures(from: FigureSources): RoomFigures {
  const counters = from.hub.traffic.counters(from.rowsWritten);
  const usage = { runningMs: from.runningMs, rowsWritten: counters.sqliteRowsWritten, messagesReceived: counters.framesReceived };
  const perPlayer = [...from.hub.byPlayer.values()].map((connection) => playerFigures(connection, from.world, from.now));
  const rtts = perPlayer.flatMap((player) => (player.rttMs === null ? [] : [player.rttMs]));
  const { p50, p99 } = from.tickStats.summary();
  const usdPerHour = from.running ? usdPerRunningHour(usage) : 0;
  return {
    code: from.code,
    kind: from.kind,
    startedAt: from.startedAt,
    at: from.now,
    players: perPlayer.length,
    runningMs: from.runningMs,
    tickWorkMs: { p50, p99 },
    rttMs: { p50: quantile(rtts, 0.5), p99: quantile(rtts, 0.99) },
    counters,
    cost: {
      usdPerHour,
      usdPerPlayerHour: perPlayer.length > 0 ? usdPerHour / perPlayer.length : null,
      rowsWrittenPerHour: rowsPerRunningHour(usage),
      usdTotal: usdOf(usage),
    },
    perPlayer,
  };
}

function playerFigures(connection: Connection, world: RoomWorld, now: number): PlayerFigures {
  const seconds = Math.max(1, (now - connection.attachment.connectedAt) / 1000);
  const rtt = connection.rttMs;
  return {
    playerId: connection.playerId,
    name: world.players.get(connection.playerId)?.name ?? connection.playerId,
    rttMs: rtt === undefined ? null : Math.round(rtt * 10) / 10,
    bytesSentPerSec: Math.round(connection.bytesSent / seconds),
    corrections: connection.telemetry.corrections,
    frameTimeP95Ms: connection.telemetry.frameTimeP95Ms,
  };
}
