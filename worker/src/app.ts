import { Hono } from "hono";
import { PROTOCOL_VERSION } from "@edgehold/protocol";
import { readAuthConfig, warnIfDevMode } from "./auth/auth-config.ts";
import { apiHeaders } from "./http/api-headers.ts";
import { API_BODY_LIMIT_BYTES, apiBodyLimit } from "./http/body-limit.ts";
import { charactersRoutes } from "./http/characters-routes.ts";
import { corsFromEnv } from "./http/cors-origins.ts";
import { onApiError, onApiNotFound } from "./http/error-handler.ts";
import { roomsRoutes } from "./http/rooms-routes.ts";

export const app = new Hono<{ Bindings: Env }>();

// Outermost first: headers decorate every answer (404s and errors too), CORS only when configured, then bodies.
app.use("*", apiHeaders);
app.use("*", corsFromEnv);
app.use("*", apiBodyLimit(API_BODY_LIMIT_BYTES));

app.get("/api/health", (c) => {
  const auth = readAuthConfig(c.env);
  warnIfDevMode(auth);
  return c.json({
    ok: true,
    version: c.env.APP_VERSION,
    protocol: PROTOCOL_VERSION,
    auth: {
      mode: auth.mode,
      authorizedParties: auth.authorizedParties,
      ...(auth.mode === "dev" ? { warning: "dev mode: client-supplied player ids are trusted; configure Clerk before going public" } : {}),
    },
  });
});
app.route("/api/rooms", roomsRoutes);
app.route("/api/characters", charactersRoutes);
app.notFound(onApiNotFound);
app.onError(onApiError);
