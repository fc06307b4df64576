import type { RoomCounters } from "../ops/room-figures.ts";

/**
 * The room's traffic counters for the operators' figures (ops/room-figures.ts): counted where frames come and go
 * (the connection hub, each connection's sends, the snapshot publisher, the session manager's closes). In memory
 * only: writing them to SQLite would cost the rows they are meant to watch. They count one run of the object.
 */
export class RoomTraffic {
  snapshotsSent = 0;
  bytesSent = 0;
  bytesReceived = 0;
  framesReceived = 0;
  corrections = 0;
  private readonly closes = new Map<number, number>();

  received(bytes: number): void {
    this.framesReceived++;
    this.bytesReceived += bytes;
  }

  /** A room connection ended with `code` (sent by the server, or by the client; 1006 when it just went away). */
  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  counters(sqliteRowsWritten: number): RoomCounters {
    return {
      snapshotsSent: this.snapshotsSent,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      framesReceived: this.framesReceived,
      sqliteRowsWritten,
      closes: Object.fromEntries([...this.closes].map(([code, n]) => [String(code), n])),
      corrections: this.corrections,
    };
  }
}
