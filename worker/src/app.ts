import { Hono } from "hono";
import { PROTOCOL_VERSION } from "@edgehold/protocol";
import { isClerk, readAuthConfig, warnIfDevMode } from "./auth/auth-config.ts";
import { notConfiguredBody, requireAuthConfigured } from "./auth/require-configured.ts";
import { apiHeaders } from "./http/api-headers.ts";
import { API_BODY_LIMIT_BYTES, apiBodyLimit } from "./http/body-limit.ts";
import { charactersRoutes } from "./http/characters-routes.ts";
import { corsFromEnv } from "./http/cors-origins.ts";
import { onApiError, onApiNotFound } from "./http/error-handler.ts";
import { adminRoutes } from "./http/admin-routes.ts";
import { partiesRoutes } from "./http/parties-routes.ts";
import { roomsRoutes } from "./http/rooms-routes.ts";
import { kindsRoute } from "./http/kinds-route.ts";
import { matchmakeRoutes } from "./http/matchmake-routes.ts";
import { readyRoute } from "./http/ready-route.ts";

export const app = new Hono<{ Bindings: Env }>();

// Outermost first: headers decorate every answer (404s, 503s and errors too), CORS only when configured, then bodies.
app.use("*", apiHeaders);
app.use("*", corsFromEnv);
app.use("*", apiBodyLimit(API_BODY_LIMIT_BYTES));

// Before the 503 middleware: health answers for itself, 503 too when unconfigured (so monitoring sees it), with the
// version and what is missing.
app.get("/api/health", (c) => {
  const auth = readAuthConfig(c.env);
  warnIfDevMode(auth);
  const about = { version: c.env.APP_VERSION, protocol: PROTOCOL_VERSION };
  if (auth.mode === "unconfigured") return c.json({ ok: false, ...about, ...notConfiguredBody(auth) }, 503);
  return c.json({
    ok: true,
    ...about,
    auth: {
      mode: auth.mode,
      // Whether tokens verify with no call to Clerk (CLERK_JWT_KEY), or with keys fetched from Clerk's API.
      ...(isClerk(auth) ? { networkless: auth.mode === "clerk-jwt-key" } : {}),
      ...(auth.mode === "dev" ? { warning: "dev mode (AUTH_MODE=dev): client-supplied player ids are trusted; configure Clerk before going public" } : {}),
    },
  });
});
app.route("/api/ready", readyRoute);

app.use("/api/*", requireAuthConfigured);
app.route("/api/rooms", roomsRoutes);
app.route("/api/matchmake", matchmakeRoutes);
app.route("/api/kinds", kindsRoute);
app.route("/api/characters", charactersRoutes);
app.route("/api/parties", partiesRoutes);
app.route("/api/admin", adminRoutes);
app.notFound(onApiNotFound);
app.onError(onApiError);
