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
  };
}
