import type { RoomFigures } from "./room-figures.ts";

/** One room of `GET /api/admin/rooms` (ARCHITECTURE.md "Operations"), from its figures. */
export interface RoomRow {
  code: string;
  kind: string;
  players: number;
  tickWorkMs: { p50: number; p99: number };
  /** Bytes per second the room sends its connected players now. */
  bytesSentPerSec: number;
  rowsWrittenPerHour: number;
  costUsdPerHour: number;
  /**
   * The slowest page's frame time p95 (ms) over the players connected now, from their latest `telemetry.report`;
   * null until one of them has reported. The slowest, not an average: one player's stuttering page is what an
   * operator must see.
   */
  frameTimeP95Ms: number | null;
}

export function roomRow(figures: RoomFigures): RoomRow {
  return {
    code: figures.code,
    kind: figures.kind,
    players: figures.players,
    tickWorkMs: figures.tickWorkMs,
    bytesSentPerSec: figures.perPlayer.reduce((sum, player) => sum + player.bytesSentPerSec, 0),
    rowsWrittenPerHour: figures.cost.rowsWrittenPerHour,
    costUsdPerHour: figures.cost.usdPerHour,
    frameTimeP95Ms: slowestFrameTime(figures),
  };
}

function slowestFrameTime(figures: RoomFigures): number | null {
  let slowest: number | null = null;
  for (const { frameTimeP95Ms } of figures.perPlayer) if (frameTimeP95Ms !== null && (slowest === null || frameTimeP95Ms > slowest)) slowest = frameTimeP95Ms;
  return slowest;
}
