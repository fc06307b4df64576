import { chatTextLength, cleanChatText, MAX_CHAT_TEXT_LENGTH, PLAYER_ID_PATTERN } from "@edgehold/protocol";
import { ApiError } from "./api-error.ts";

/** Longest reason an operator may give for a kick: a WebSocket close reason holds at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

/** `POST /api/admin/rooms/:code/kick { playerId, reason? }`. */
export function parseKick(body: unknown): { playerId: string; reason: string } {
  const fields = objectBody(body, "{ playerId, reason? }");
  return { playerId: playerIdOf(fields.playerId), reason: reasonOf(fields.reason, "kicked by the operator") };
}

/** `POST /api/admin/rooms/:code/close { reason? }`: the reason is logged; every socket hears the contract's 4010 reason. */
export function parseClose(body: unknown): { reason: string } {
  const fields = body === undefined ? {} : objectBody(body, "{ reason? }");
  return { reason: reasonOf(fields.reason, "no reason given") };
}

/** `POST /api/admin/rooms/:code/broadcast { text }`: 1..MAX_CHAT_TEXT_LENGTH characters, like a chat line. */
export function parseBroadcast(body: unknown): { text: string } {
  const { text } = objectBody(body, "{ text }");
  // Cleaned and measured as a chat line is (the chat feature's rule), since it arrives as one.
  const clean = typeof text === "string" ? cleanChatText(text) : "";
  if (clean.length === 0) throw new ApiError(400, "invalid_body", "text must be a non-empty string", "text");
  if (chatTextLength(clean) > MAX_CHAT_TEXT_LENGTH) throw new ApiError(400, "invalid_body", `text must be at most ${MAX_CHAT_TEXT_LENGTH} characters`, "text");
  return { text: clean };
}

/** `PUT /api/admin/rooms/:code/owner { playerId }`. */
export function parseOwner(body: unknown): { playerId: string } {
  return { playerId: playerIdOf(objectBody(body, "{ playerId }").playerId) };
}

function objectBody(body: unknown, shape: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, "invalid_body", `the body must be a JSON object: ${shape}`, "body");
  return body as Record<string, unknown>;
}

function playerIdOf(value: unknown): string {
  if (typeof value !== "string" || !PLAYER_ID_PATTERN.test(value)) throw new ApiError(400, "invalid_body", "playerId must be a player id (1–64 of A-Z a-z 0-9 _ -)", "playerId");
  return value;
}

function reasonOf(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new ApiError(400, "invalid_body", "reason must be a string", "reason");
  if (new TextEncoder().encode(value).length > MAX_REASON_BYTES) throw new ApiError(400, "invalid_body", `reason must be at most ${MAX_REASON_BYTES} bytes`, "reason");
  return value.trim() || fallback;
}
