/** What `GET /api/rooms/:code` reports of a running room that the benchmarks read. */
export interface TickWork {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export interface RoomStats {
  tickWorkMs: TickWork;
  playersOnline: number;
  droppedSteps: number;
}

export async function fetchRoomStats(baseUrl: string | URL, room: string): Promise<RoomStats> {
  const response = await fetch(new URL(`/api/rooms/${encodeURIComponent(room)}`, baseUrl));
  if (!response.ok) throw new Error(`GET /api/rooms/${room}: HTTP ${response.status}`);
  return (await response.json()) as RoomStats;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
