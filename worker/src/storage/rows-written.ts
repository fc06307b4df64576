/** The part of SqlStorage the room's stores use: running statements. */
export type SqlExec = Pick<SqlStorage, "exec">;

/**
 * The room's SqlStorage with a running count of rows written: on Durable Objects, rows written are what a room
 * costs ($1 per million, against ~$0.006 per room-hour of duration), so the room reports them in its info.
 *
 * The count reads each cursor's `rowsWritten` right after `exec`. Every write the stores make is an INSERT,
 * UPDATE or DELETE without RETURNING, which yields no rows and so has run to completion when `exec` returns; reads
 * write nothing. (Schema migrations and the start-up profile backfill run on the raw storage before this exists:
 * once per object start, and they only fill gaps.)
 */
export class RowsWrittenCounter implements SqlExec {
  total = 0;
  private readonly startedAt: number;

  constructor(
    private readonly sql: SqlStorage,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.startedAt = now();
  }

  exec<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): SqlStorageCursor<T> {
    const cursor = this.sql.exec<T>(query, ...bindings);
    this.total += cursor.rowsWritten;
    return cursor;
  }

  /**
   * Rows written since this object started, and that total spread over the hours since then (so a room that just
   * started reports an extrapolated rate; a benchmark should diff `total` over its own window instead).
   */
  summary(): { total: number; perHour: number; sinceMs: number } {
    const elapsedMs = Math.max(1, this.now() - this.startedAt);
    return { total: this.total, perHour: Math.round((this.total * 3_600_000) / elapsedMs), sinceMs: elapsedMs };
  }
}
