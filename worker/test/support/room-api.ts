import { SELF } from "cloudflare:test";
import type { PlayerFigures, RoomFigures } from "../../src/ops/room-figures.ts";
import type { RoomRow } from "../../src/ops/room-row.ts";
import type { RoomDiagnostics, RoomInfo } from "../../src/room/room-info.ts";

/** `GET /api/admin/rooms/:code`: the diagnostics, the room's admin row, a row per connected player, its figures. */
export type AdminRoomView = Omit<RoomRow, "players" | "tickWorkMs"> & Omit<RoomDiagnostics, "players"> & { players: PlayerFigures[]; figures: RoomFigures };

/** The admin token vitest.config.ts binds for the workerd tests. */
export const ADMIN_TOKEN = "test-admin-token";

/** `POST /api/rooms` as `owner` (dev mode's X-Player-Id): the new room's code; the creator owns it. */
export async function createRoom(owner: string, body: object = {}): Promise<string> {
  const response = await SELF.fetch("http://example.com/api/rooms", {
    method: "POST",
    headers: { "X-Player-Id": owner, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST /api/rooms answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { code: string }).code;
}

/** `GET /api/rooms/:code`: the public room info. */
export async function roomInfo(room: string): Promise<RoomInfo> {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}`);
  if (!response.ok) throw new Error(`GET /api/rooms/${room} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as RoomInfo;
}

/** `GET /api/admin/rooms/:code`: the room's diagnostics (tick, running, tick work, rows written). */
export async function roomDiagnostics(room: string): Promise<AdminRoomView> {
  const response = await SELF.fetch(`http://example.com/api/admin/rooms/${room}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`GET /api/admin/rooms/${room} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as AdminRoomView;
}

/** An admin API call with the test token: `method path` with a JSON body. */
export function adminFetch(method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`http://example.com/api/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
