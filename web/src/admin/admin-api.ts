/**
 * The operators' API (ARCHITECTURE.md "Operations") as the monitor page uses it. Every call carries the admin token
 * as a bearer token; a refusal throws ApiRequestError, and a 401 or 503 (isAuthProblem) sends the page back to
 * asking for the token.
 */
import { answerOf, ApiRequestError } from "../app/api-answer.ts";

export interface TickWork {
  p50: number;
  p99: number;
}

/** One live room as `GET /api/admin/rooms` lists it. */
export interface AdminRoom {
  code: string;
  kind: string;
  players: number;
  tickWorkMs: TickWork;
  bytesSentPerSec: number;
  rowsWrittenPerHour: number;
  costUsdPerHour: number;
  /** The slowest connected page's frame time p95 (ms), from the pages' `telemetry.report`; null before any. */
  frameTimeP95Ms: number | null;
}

/** One connected player as `GET /api/admin/rooms/:code` lists them. */
export interface AdminPlayer {
  playerId: string;
  name: string;
  rttMs: number | null;
  bytesSentPerSec: number;
  corrections: number;
  /** Their page's last reported frame time p95 (ms); null before its first report. */
  frameTimeP95Ms: number | null;
}

export interface AdminRoomDetail extends AdminRoom {
  players: number;
  /** The owner's playerId; null for a room opened by link that nobody was handed. */
  owner: string | null;
  playerList: AdminPlayer[];
}

/** The token is missing, wrong, or the server has none: the page asks for one again. */
export function isAuthProblem(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && (error.status === 401 || error.status === 503);
}

async function adminFetch(token: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return answerOf(await fetch(`/api/admin${path}`, { ...init, headers }));
}

export async function listRooms(token: string): Promise<AdminRoom[]> {
  const json = (await adminFetch(token, "/rooms")) as { rooms?: AdminRoom[] };
  return Array.isArray(json.rooms) ? json.rooms : [];
}

export async function roomDetail(token: string, code: string): Promise<AdminRoomDetail> {
  const json = (await adminFetch(token, `/rooms/${encodeURIComponent(code)}`)) as AdminRoom & { players?: unknown; owner?: unknown };
  // The detail's `players` is the list; the live count is its length.
  const playerList = Array.isArray(json.players) ? (json.players as AdminPlayer[]) : [];
  return { ...json, owner: typeof json.owner === "string" ? json.owner : null, players: playerList.length, playerList };
}

export async function kickPlayer(token: string, code: string, playerId: string, reason: string): Promise<void> {
  await adminFetch(token, `/rooms/${encodeURIComponent(code)}/kick`, { method: "POST", body: JSON.stringify({ playerId, reason }) });
}

export async function closeRoom(token: string, code: string, reason: string): Promise<void> {
  await adminFetch(token, `/rooms/${encodeURIComponent(code)}/close`, { method: "POST", body: JSON.stringify({ reason }) });
}

export async function broadcast(token: string, code: string, text: string): Promise<void> {
  await adminFetch(token, `/rooms/${encodeURIComponent(code)}/broadcast`, { method: "POST", body: JSON.stringify({ text }) });
}

/** Hands the room to a player (who is told, and may then moderate it). */
export async function setOwner(token: string, code: string, playerId: string): Promise<void> {
  await adminFetch(token, `/rooms/${encodeURIComponent(code)}/owner`, { method: "PUT", body: JSON.stringify({ playerId }) });
}

/** Checks a token before the page keeps it: any admin route answers 401/503 for a bad one. */
export async function checkToken(token: string): Promise<void> {
  await listRooms(token);
}
