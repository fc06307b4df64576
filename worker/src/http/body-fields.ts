import { isValidPlayerId } from "@edgehold/protocol";
import { ApiError } from "./api-error.ts";

/**
 * The checks every JSON body of the API shares (the admin actions, matchmaking, parties, room creation); each route
 * reads its own fields with them. A bad body is 400 `invalid_body` naming the field at fault, as the README's error
 * table says. (The body is read by `readJson`: hono's `validator("json")` would take a body sent without a JSON
 * Content-Type for `{}` and answer bad JSON with its own error, not the API's `invalid_json`.)
 */

/** 400 `invalid_body` for `field`, saying what it must be. */
export function invalidField(field: string, message: string): ApiError {
  return new ApiError(400, "invalid_body", message, field);
}

/** The fields of a JSON object body; anything else is `invalid_body` at `field` ("body" unless said) naming `shape`. */
export function objectFields(body: unknown, shape: string, field = "body"): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidField(field, `the body must be a JSON object: ${shape}`);
  return body as Record<string, unknown>;
}

/** As `objectFields`, where no body at all is no fields. */
export function optionalObjectFields(body: unknown, shape: string, field = "body"): Record<string, unknown> {
  return body === undefined ? {} : objectFields(body, shape, field);
}

/** Field `playerId`: a player id (1-64 of A-Z a-z 0-9 _ -). */
export function playerIdField(value: unknown): string {
  if (typeof value !== "string" || !isValidPlayerId(value)) throw invalidField("playerId", "playerId must be a player id (1-64 of A-Z a-z 0-9 _ -)");
  return value;
}
