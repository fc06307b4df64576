import type { SqlExec } from "./rows-written.ts";
/** Small key/value facts about the room (code, creation time, last tick) kept in `room_meta`. */
export class RoomMetaStore {
  constructor(private readonly sql: SqlExec) {}

  get(key: string): string | undefined {
    const rows = this.sql.exec<{ value: string }>("SELECT value FROM room_meta WHERE key = ?", key).toArray();
    return rows[0]?.value;
  }

  set(key: string, value: string | number): void {
    this.sql.exec(
      "INSERT INTO room_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      key,
      String(value),
    );
  }

  getNumber(key: string, fallback: number): number {
    const value = this.get(key);
    const parsed = value === undefined ? NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : fallback;
  }
}
