import { Hono } from "hono";
import { PROTOCOL_VERSION } from "@edgehold/protocol";
import { onApiError, onApiNotFound } from "./http/error-handler.ts";
import { roomsRoutes } from "./http/rooms-routes.ts";

export const app = new Hono<{ Bindings: Env }>();

app.get("/api/health", (c) =>
  c.json({ ok: true, version: c.env.APP_VERSION, protocol: PROTOCOL_VERSION, auth: { mode: "dev" } }),
);
app.route("/api/rooms", roomsRoutes);
app.notFound(onApiNotFound);
app.onError(onApiError);
