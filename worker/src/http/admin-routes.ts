import { Hono, type Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { ErrorCode } from "@edgehold/protocol";
import { directoryStub } from "../directory/directory-durable-object.ts";
import { logEvent } from "../ops/log.ts";
import { renderPrometheus } from "../ops/prometheus.ts";
import { roomRow } from "../ops/room-row.ts";
import { ApiError } from "./api-error.ts";
import { parseBroadcast, parseClose, parseKick, parseOwner } from "./admin-bodies.ts";
import { eventsRoutes } from "./events-routes.ts";
import { readJson } from "./read-json.ts";
import { roomCodeOf, roomStub } from "./rooms-routes.ts";

/** The admin token is a secret (`wrangler secret put ADMIN_TOKEN`); declared here since wrangler types sees only [vars]. */
export interface AdminEnv {
  ADMIN_TOKEN?: string;
}

/**
 * The operators' API: `Authorization: Bearer <ADMIN_TOKEN>`, else 401; 503 `admin_not_configured` while no token is
 * set, so an unset secret never means "open to all". A room's figures and players, and the actions an operator takes
 * on any room whoever owns it (ARCHITECTURE.md "Operations"); each action is logged.
 */
export const adminRoutes = new Hono<{ Bindings: Env }>();

const MISSING = { error: "unauthorized", message: "send Authorization: Bearer <ADMIN_TOKEN>" };
const WRONG = { error: "unauthorized", message: "wrong admin token" };

adminRoutes.use("*", async (c, next) => {
  const token = (c.env as Env & AdminEnv).ADMIN_TOKEN?.trim();
  if (!token) throw new ApiError(503, "admin_not_configured", "the admin API is off: set the ADMIN_TOKEN secret");
  // hono's bearerAuth compares in constant time and answers 401 with a WWW-Authenticate header.
  return bearerAuth({ token, noAuthenticationHeader: { message: MISSING }, invalidAuthenticationHeader: { message: MISSING }, invalidToken: { message: WRONG } })(c as Context, next);
});

adminRoutes.route("/events", eventsRoutes);

/** Every live room (from the directory, which rooms report to every few seconds), busiest first. */
adminRoutes.get("/rooms", async (c) => c.json({ rooms: await directoryStub(c.env).roomRows() }));

/** Prometheus text exposition of the fleet: live rooms plus the counters of rooms that are gone. */
adminRoutes.get("/metrics", async (c) => {
  const text = renderPrometheus(await directoryStub(c.env).fleet());
  return c.body(text, 200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
});

/** The room's facts and costs, its row of `GET /api/admin/rooms`, `players` (one row each) and its full figures. */
adminRoutes.get("/rooms/:code", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  const stub = roomStub(c.env, code);
  const [diagnostics, figures] = await Promise.all([stub.diagnostics(code), stub.figures(code)]);
  if (!diagnostics || !figures) throw notFound(code);
  // The diagnostics' tickWorkMs (p50, p99, max, samples) is the row's and more.
  return c.json({ ...roomRow(figures), ...diagnostics, players: figures.perPlayer, figures });
});

adminRoutes.post("/rooms/:code/kick", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  const { playerId, reason } = parseKick(await readJson(c.req.raw));
  if (!(await roomStub(c.env, code).operatorKick(playerId, reason))) {
    throw new ApiError(404, "player_not_connected", `player "${playerId}" is not connected to room "${code}"`, "playerId");
  }
  logEvent("info", "admin.kick", { room: code, player: playerId, reason });
  return c.json({ ok: true });
});

adminRoutes.post("/rooms/:code/close", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  const { reason } = parseClose(await readJson(c.req.raw));
  const closed = await roomStub(c.env, code).operatorClose();
  if (closed === null) throw notFound(code);
  logEvent("info", "admin.close", { room: code, reason, closed });
  return c.json({ ok: true, closed });
});

adminRoutes.post("/rooms/:code/broadcast", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  const { text } = parseBroadcast(await readJson(c.req.raw));
  const reached = await roomStub(c.env, code).operatorBroadcast(text);
  if (reached === null) throw notFound(code);
  logEvent("info", "admin.broadcast", { room: code, text, reached });
  return c.json({ ok: true, reached });
});

adminRoutes.put("/rooms/:code/owner", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  const { playerId } = parseOwner(await readJson(c.req.raw));
  if (!(await roomStub(c.env, code).operatorSetOwner(playerId))) throw notFound(code);
  logEvent("info", "admin.owner", { room: code, player: playerId });
  return c.json({ ok: true, owner: playerId });
});

function notFound(code: string): ApiError {
  return new ApiError(404, ErrorCode.roomNotFound, `no room "${code}": it was never created or joined`, "code");
}
