import { chatTextLength, cleanChatText, MAX_CHAT_TEXT_LENGTH } from "@edgehold/protocol";
import { invalidField, objectFields, optionalObjectFields, playerIdField } from "./body-fields.ts";

/** Longest reason an operator may give for a kick: a WebSocket close reason holds at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

/** `POST /api/admin/rooms/:code/kick { playerId, reason? }`. */
export function parseKick(body: unknown): { playerId: string; reason: string } {
  const fields = objectFields(body, "{ playerId, reason? }");
  return { playerId: playerIdField(fields.playerId), reason: reasonOf(fields.reason, "kicked by the operator") };
}

/** `POST /api/admin/rooms/:code/close { reason? }`: the reason is logged; every socket hears the contract's 4010 reason. */
export function parseClose(body: unknown): { reason: string } {
  const fields = optionalObjectFields(body, "{ reason? }");
  return { reason: reasonOf(fields.reason, "no reason given") };
}

/** `POST /api/admin/rooms/:code/broadcast { text }`: 1..MAX_CHAT_TEXT_LENGTH characters, like a chat line. */
export function parseBroadcast(body: unknown): { text: string } {
  const { text } = objectFields(body, "{ text }");
  // Cleaned and measured as a chat line is (the chat feature's rule), since it arrives as one.
  const clean = typeof text === "string" ? cleanChatText(text) : "";
  if (clean.length === 0) throw invalidField("text", "text must be a non-empty string");
  if (chatTextLength(clean) > MAX_CHAT_TEXT_LENGTH) throw invalidField("text", `text must be at most ${MAX_CHAT_TEXT_LENGTH} characters`);
  return { text: clean };
}

/** `PUT /api/admin/rooms/:code/owner { playerId }`. */
export function parseOwner(body: unknown): { playerId: string } {
  return { playerId: playerIdField(objectFields(body, "{ playerId }").playerId) };
}

function reasonOf(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw invalidField("reason", "reason must be a string");
  if (new TextEncoder().encode(value).length > MAX_REASON_BYTES) throw invalidField("reason", `reason must be at most ${MAX_REASON_BYTES} bytes`);
  return value.trim() || fallback;
}
