import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/** Declared here because CORS_ORIGINS is optional and absent from wrangler.toml's [vars]. */
export interface CorsEnv {
  /** Comma-separated origins (e.g. `https://play.example.com,https://admin.example.com`) allowed to call the API from a browser. */
  CORS_ORIGINS?: string;
}

export function corsOrigins(env: CorsEnv): string[] {
  return (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

/** One hono `cors` per distinct setting: the env is read per request (a `.dev.vars` edit applies on reload). */
const corsBySetting = new Map<string, MiddlewareHandler>();

/**
 * The page is served from the worker's own origin, so by default the API sends no Access-Control-* headers at all
 * and other sites' scripts cannot read it. CORS_ORIGINS opens it to exactly those origins. WebSocket upgrades are
 * not subject to CORS (the room checks identity itself) and are left alone.
 */
export const corsFromEnv: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const origins = corsOrigins(c.env as Env & CorsEnv);
  if (origins.length === 0 || c.req.header("upgrade")?.toLowerCase() === "websocket") return next();
  const key = origins.join(",");
  let handler = corsBySetting.get(key);
  if (!handler) {
    handler = cors({
      origin: origins,
      allowHeaders: ["Authorization", "Content-Type", "X-Player-Id"],
      allowMethods: ["GET", "POST", "PATCH", "DELETE"],
      // Ten minutes of cached preflights: fewer OPTIONS round trips, and a config change still lands quickly.
      maxAge: 600,
    });
    corsBySetting.set(key, handler);
  }
  return handler(c, next);
};
