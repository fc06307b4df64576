import { Hono } from "hono";
import { PROTOCOL_VERSION } from "@edgehold/protocol";
import { readAuthConfig, warnIfDevMode } from "./auth/auth-config.ts";
import { charactersRoutes } from "./http/characters-routes.ts";
import { onApiError, onApiNotFound } from "./http/error-handler.ts";
import { roomsRoutes } from "./http/rooms-routes.ts";

export const app = new Hono<{ Bindings: Env }>();

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
