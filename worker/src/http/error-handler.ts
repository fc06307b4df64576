import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError } from "./api-error.ts";

/** Every failure leaves as JSON `{ error, message, field? }`; an unexpected one is a 500 that is logged, not leaked. */
export function onApiError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    const body = error.field ? { error: error.code, message: error.message, field: error.field } : { error: error.code, message: error.message };
    return c.json(body, error.status);
  }
  if (error instanceof HTTPException) {
    // A middleware that made its own answer (hono's bearerAuth: a JSON body and WWW-Authenticate) keeps it.
    if (error.res) return error.getResponse();
    return c.json({ error: "http_error", message: error.message }, error.status);
  }
  console.error(`[api] ${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: "internal_error", message: "unexpected server error" }, 500);
}

export function onApiNotFound(c: Context): Response {
  return c.json({ error: "not_found", message: `no route for ${c.req.method} ${c.req.path}` }, 404);
}
