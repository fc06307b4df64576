import { Hono } from "hono";
import { eventLog, EVENT_LOG_CAPACITY } from "../ops/event-log-durable-object.ts";
import { DomainEventType } from "../ops/domain-events.ts";
import { ApiError } from "./api-error.ts";

const TYPES = new Set<string>(Object.values(DomainEventType));

/** `GET /api/admin/events?type=&since=&limit=` → `{ events }`, newest last (behind the admin token: admin-routes.ts). */
export const eventsRoutes = new Hono<{ Bindings: Env }>();

eventsRoutes.get("/", async (c) => {
  const type = c.req.query("type") || undefined;
  if (type !== undefined && !TYPES.has(type)) throw new ApiError(400, "invalid_query", `type must be one of ${[...TYPES].join(", ")}`, "type");
  const since = numberParam(c.req.query("since"), "since");
  const limit = numberParam(c.req.query("limit"), "limit");
  if (limit !== undefined && (limit < 1 || limit > EVENT_LOG_CAPACITY)) throw new ApiError(400, "invalid_query", `limit must be 1..${EVENT_LOG_CAPACITY}`, "limit");
  return c.json({ events: await eventLog(c.env).list({ type, since, limit }) });
});

function numberParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ApiError(400, "invalid_query", `${name} must be a whole number (epoch ms for since)`, name);
  return value;
}
