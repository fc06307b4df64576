/** The JSON body of `GET /api/rooms/:code`. */
export interface RoomInfo {
  code: string;
  playersOnline: number;
  tick: number;
  tickRate: number;
  snapshotRate: number;
  /** When the first player joined this room (ISO 8601), or null if nobody ever has. */
  createdAt: string | null;
  /** True while the simulation loop runs (someone is connected). */
  running: boolean;
  /** Steps skipped because the room fell too far behind real time. */
  droppedSteps: number;
  /** Game sessions (connections that joined) since 00:00 UTC today. */
  sessionsToday: number;
  /** Wall time one tick took (step + snapshots + checkpoint), over the last 300 ticks. */
  tickWorkMs: { samples: number; p50: number; p99: number; max: number };
  /**
   * SQLite rows this object has written since it started (what a room costs in production), and that total per
   * hour of the object's uptime so far.
   */
  rowsWritten: { total: number; perHour: number; sinceMs: number };
}
