import { DurableObject } from "cloudflare:workers";
import type { DomainEvent } from "./domain-events.ts";

/** The log keeps the newest this many events (ARCHITECTURE.md "Operations"): older ones are deleted as new arrive. */
export const EVENT_LOG_CAPACITY = 10_000;

/** What `GET /api/admin/events` returns at most (the newest of those that match), unless it asks for fewer. */
export const EVENTS_PAGE_LIMIT = 1_000;

/** One stored event, as `GET /api/admin/events` returns it. */
export interface LoggedEvent extends DomainEvent {
  id: number;
}

export interface EventQuery {
  type?: string;
  /** Events strictly after this epoch ms. */
  since?: number;
  limit?: number;
}

/**
 * The events log: one object (named "events") with a SQLite table fed by the `EVENTS` queue's consumer. A Durable
 * Object because the log needs one writer (ids that only grow, a cap enforced by one DELETE) and range queries by
 * time and type: KV is eventually consistent and has no range queries, D1 would be a second product to set up for
 * one table. Each consumed batch is one transaction: its inserts and one DELETE of whatever fell past the cap.
 */
export class EventLogDurableObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      type TEXT NOT NULL,
      at INTEGER NOT NULL,
      room TEXT,
      player TEXT,
      data TEXT NOT NULL
    )`);
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS events_at ON events (at)");
  }

  async append(events: readonly DomainEvent[]): Promise<void> {
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      for (const event of events) {
        sql.exec("INSERT INTO events (type, at, room, player, data) VALUES (?, ?, ?, ?, ?)", event.type, event.at, event.room ?? null, event.player ?? null, JSON.stringify(event.data ?? {}));
      }
      sql.exec("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - ?", EVENT_LOG_CAPACITY);
    });
  }

  /**
   * Events matching, newest last: with `since`, the first `limit` after it (a poller that pages on by the last `at`
   * it saw misses nothing in a burst); without, the newest `limit`.
   */
  async list(query: EventQuery): Promise<LoggedEvent[]> {
    const limit = Math.min(Math.max(1, query.limit ?? EVENTS_PAGE_LIMIT), EVENT_LOG_CAPACITY);
    const paging = query.since !== undefined;
    const rows = this.ctx.storage.sql
      .exec<{ id: number; type: string; at: number; room: string | null; player: string | null; data: string }>(
        `SELECT id, type, at, room, player, data FROM events WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR at > ?2) ORDER BY id ${paging ? "ASC" : "DESC"} LIMIT ?3`,
        query.type ?? null,
        query.since ?? null,
        limit,
      )
      .toArray();
    return (paging ? rows : rows.reverse()).map((row) => ({
      id: row.id,
      type: row.type as DomainEvent["type"],
      at: row.at,
      ...(row.room !== null ? { room: row.room } : {}),
      ...(row.player !== null ? { player: row.player } : {}),
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }
}

/** The one events log object. */
export function eventLog(env: Env): DurableObjectStub<EventLogDurableObject> {
  return env.EVENT_LOG.get(env.EVENT_LOG.idFromName("events"));
}

/** The `EVENTS` queue's consumer: each batch into the log (a throw retries the batch, as Queues do). */
export async function consumeEvents(batch: MessageBatch<DomainEvent>, env: Env): Promise<void> {
  await eventLog(env).append(batch.messages.map((message) => message.body));
}
