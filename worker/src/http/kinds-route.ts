import { Hono } from "hono";
import { ROOM_KINDS } from "../room/kinds/room-kinds.ts";

export const kindsRoute = new Hono<{ Bindings: Env }>();

/**
 * `GET /api/kinds` → `{ kinds: [{ name, capacity, public }] }`: the registry's kinds, so the lobby offers "Play" for
 * every public kind without a list of its own (a kind added to the registry shows up there by itself).
 */
kindsRoute.get("/", (c) => c.json({ kinds: [...ROOM_KINDS.values()].map((kind) => ({ name: kind.name, capacity: kind.capacity, public: kind.listed })) }));
