import { MAX_SESSION_TOKEN_LENGTH } from "../../constants.ts";
import { isPlainObject } from "../../guards.ts";
import type { SessionRefreshPayload } from "./session-types.ts";

/** A session token is a JWT: three base64url parts separated by dots, nothing else. */
const SESSION_TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function parseSessionRefresh(payload: unknown): SessionRefreshPayload | string {
  if (!isPlainObject(payload)) return "payload must be an object with a token";
  const { token } = payload;
  if (typeof token !== "string" || token.length === 0) return "payload.token must be a non-empty string";
  if (token.length > MAX_SESSION_TOKEN_LENGTH) return `payload.token must be at most ${MAX_SESSION_TOKEN_LENGTH} characters`;
  if (!SESSION_TOKEN_SHAPE.test(token)) return "payload.token must be a JWT (header.payload.signature)";
  return { token };
}
