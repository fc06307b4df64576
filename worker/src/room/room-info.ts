/** The JSON body of `GET /api/rooms/:code`: what anyone may know of a room. */
export interface RoomInfo {
  code: string;
  /** The room's kind (`room`, …), fixed when it was created. */
  kind: string;
  /** Listed publicly (kinds' rooms made with `public: true`); a `room` shared by link is not. */
  public: boolean;
  /** The owner's playerId: the creator, or whoever they handed it to; null for a room opened by link. */
  owner: string | null;
  /** Players at once (the kind's). */
  capacity: number;
  /** Players connected now. */
  players: number;
  tickRate: number;
  snapshotRate: number;
  /** When the room was created or first joined (ISO 8601), or null if nobody ever has. */
  createdAt: string | null;
}

/** `GET /api/admin/rooms/:code` (the admin token only): the public facts plus what the room is doing and costs. */
export interface RoomDiagnostics extends RoomInfo {
  tick: number;
  /** True while the simulation loop runs (someone is connected, or a body lingers). */
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
