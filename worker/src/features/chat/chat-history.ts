import { CHAT_HISTORY_SIZE, type ChatMessagePayload, type ChatScope } from "@edgehold/protocol";
import type { SqlExec } from "../../storage/rows-written.ts";

type HistoryRow = { slot: number; id: number; from_id: string; name: string; text: string; scope: ChatScope; at: number };

/**
 * The room's last CHAT_HISTORY_SIZE room-wide lines (chat-room.ts says which: never nearby lines or whispers): in
 * memory for the newcomer's `history`, and in SQLite (a ring of rows, see chat-schema.ts, so the table never holds
 * more than the ring) written before the line is sent to anyone, so a restart keeps what players saw.
 */
export class ChatHistory {
  private readonly lines: ChatMessagePayload[];
  /** The ring slot the next stored line overwrites: the one after the newest row's. */
  private nextSlot: number;

  constructor(
    private readonly sql: SqlExec,
    private readonly size = CHAT_HISTORY_SIZE,
  ) {
    const rows = sql.exec<HistoryRow>("SELECT slot, id, from_id, name, text, scope, at FROM chat_history ORDER BY id").toArray();
    this.nextSlot = rows.length === 0 ? 0 : (rows.at(-1)!.slot + 1) % size;
    this.lines = rows.map((row) => ({ id: row.id, from: row.from_id, name: row.name, text: row.text, scope: row.scope, at: row.at }));
  }

  /** The highest id stored (0 when none): line ids continue above it. */
  get lastId(): number {
    return this.lines.at(-1)?.id ?? 0;
  }

  /** Oldest first. */
  messages(): ChatMessagePayload[] {
    return [...this.lines];
  }

  /** Stores a room-wide line (one row written); call before anyone is sent it. Throws if the write fails. */
  append(line: ChatMessagePayload): void {
    const { id, from, name, text, scope, at } = line;
    this.sql.exec(
      `INSERT INTO chat_history (slot, id, from_id, name, text, scope, at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET id = excluded.id, from_id = excluded.from_id, name = excluded.name,
         text = excluded.text, scope = excluded.scope, at = excluded.at`,
      this.nextSlot, id, from, name, text, scope, at,
    );
    this.nextSlot = (this.nextSlot + 1) % this.size;
    // What a newcomer reads: the stored line without the live-only speaker entity.
    this.lines.push({ id, from, name, text, scope, at });
    if (this.lines.length > this.size) this.lines.shift();
  }
}
