import { Hono, type Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { ErrorCode } from "@edgehold/protocol";
import { ApiError } from "./api-error.ts";
import { roomCodeOf, roomStub } from "./rooms-routes.ts";

/** The admin token is a secret (`wrangler secret put ADMIN_TOKEN`); declared here since wrangler types sees only [vars]. */
export interface AdminEnv {
  ADMIN_TOKEN?: string;
}

/**
 * The operators' API: `Authorization: Bearer <ADMIN_TOKEN>`, else 401; 503 `admin_not_configured` while no token is
 * set, so an unset secret never means "open to all". Today it carries a room's diagnostics (what left the public room
 * info: tick work, rows written); the rest of the operators' contract (ARCHITECTURE.md "Operations") builds here.
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

adminRoutes.get("/rooms/:code", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  const diagnostics = await roomStub(c.env, code).diagnostics(code);
  if (!diagnostics) throw new ApiError(404, ErrorCode.roomNotFound, `no room "${code}": it was never created or joined`, "code");
  return c.json(diagnostics);
});
