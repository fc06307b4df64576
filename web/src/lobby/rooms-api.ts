import { normaliseRoomCode } from "@edgehold/protocol";
import { answerOf, ApiRequestError } from "../app/api-answer.ts";
import { authHeaders } from "../identity/auth-request.ts";
import type { Identity } from "../identity/identity-context.tsx";

/** The JSON body of an answer as a record (see answerOf). */
async function recordOf(response: Response): Promise<Record<string, unknown>> {
  const json = await answerOf(response);
  return (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
}

/** A room code the server answered with, checked (it becomes part of the page's URL). */
function codeOf(body: Record<string, unknown>, route: string, status: number): string {
  const code = body.code;
  if (typeof code !== "string" || normaliseRoomCode(code) !== code) throw new ApiRequestError(status, "unexpected_response", `unexpected response from ${route}`);
  return code;
}

async function postJson(identity: Identity, path: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = { ...(await authHeaders(identity)), "Content-Type": "application/json" };
  const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, body: await recordOf(response) };
}

/**
 * `POST /api/rooms`: a new room of `kind` (the server picks its code, ~45 random bits), owned by the caller. Throws
 * ApiRequestError with the server's code (401 `unauthorized` when signed out in Clerk mode).
 */
export async function createRoom(identity: Identity, kind = "room"): Promise<{ code: string }> {
  const { status, body } = await postJson(identity, "/api/rooms", { kind });
  return { code: codeOf(body, "POST /api/rooms", status) };
}

/**
 * `POST /api/matchmake { kind }`: a seat in the fullest public room of `kind` with one free (or a new room), for the
 * room's socket (`?seat=`), valid 30 s.
 */
export async function matchmake(identity: Identity, kind: string): Promise<{ code: string; seat: string }> {
  const { status, body } = await postJson(identity, "/api/matchmake", { kind });
  const seat = body.seat;
  if (typeof seat !== "string") throw new ApiRequestError(status, "unexpected_response", "unexpected response from POST /api/matchmake");
  return { code: codeOf(body, "POST /api/matchmake", status), seat };
}

/** A public room as the lobby lists it. */
export interface ListedRoom {
  code: string;
  kind: string;
  players: number;
  capacity: number;
  region?: string;
}

/** A kind of room as `GET /api/kinds` names it: the lobby offers "Play" for the public ones. */
export interface OfferedKind {
  name: string;
  capacity: number;
  public: boolean;
}

/** `GET /api/rooms`: every public room with its player count (rows that do not parse are left out). */
export async function fetchPublicRooms(headers: Record<string, string>, signal?: AbortSignal): Promise<ListedRoom[]> {
  const body = await recordOf(await fetch("/api/rooms", { headers, ...(signal ? { signal } : {}) }));
  return (Array.isArray(body.rooms) ? body.rooms : []).filter(isListedRoom);
}

/** `GET /api/kinds`. */
export async function fetchKinds(signal?: AbortSignal): Promise<OfferedKind[]> {
  const body = await recordOf(await fetch("/api/kinds", signal ? { signal } : {}));
  return (Array.isArray(body.kinds) ? body.kinds : []).filter(
    (k): k is OfferedKind => typeof k === "object" && k !== null && typeof k.name === "string" && typeof k.capacity === "number" && typeof k.public === "boolean",
  );
}

function isListedRoom(value: unknown): value is ListedRoom {
  if (typeof value !== "object" || value === null) return false;
  const room = value as Record<string, unknown>;
  return (
    typeof room.code === "string" &&
    normaliseRoomCode(room.code) === room.code &&
    typeof room.kind === "string" &&
    Number.isInteger(room.players) &&
    Number.isInteger(room.capacity) &&
    (room.region === undefined || typeof room.region === "string")
  );
}
