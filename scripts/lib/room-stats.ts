import { DEV_ADMIN_TOKEN } from "./dev-admin-token.ts";

/** What the operators' `GET /api/admin/rooms/:code` reports of a running room that the benchmarks read. */
export interface TickWork {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export interface RoomStats {
  tickWorkMs: TickWork;
  players: number;
  droppedSteps: number;
  rowsWritten: { total: number; perHour: number };
}

/** A room's diagnostics from the admin API of a local server (started with DEV_ADMIN_TOKEN, or `adminToken`). */
export async function fetchRoomStats(baseUrl: string | URL, room: string, adminToken = DEV_ADMIN_TOKEN): Promise<RoomStats> {
  // A room stalled under load must not stall the bench with it: 10 s is far beyond a live room's answer.
  const response = await fetch(new URL(`/api/admin/rooms/${encodeURIComponent(room)}`, baseUrl), {
    headers: { Authorization: `Bearer ${adminToken}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET /api/admin/rooms/${room}: HTTP ${response.status} ${await response.text()}`);
  // `players` there is the list of connected players (one row each); the benchmarks count them.
  const body = (await response.json()) as Omit<RoomStats, "players"> & { players: unknown[] | number };
  return { ...body, players: Array.isArray(body.players) ? body.players.length : body.players };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
