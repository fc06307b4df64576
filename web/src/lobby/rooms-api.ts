import { normaliseRoomCode } from "@edgehold/protocol";
import { ApiRequestError } from "../characters/characters-api.ts";
import { authHeaders } from "../identity/auth-request.ts";
import type { Identity } from "../identity/identity-context.tsx";

/**
 * `POST /api/rooms`: a new room of `kind` (the server picks its code, ~45 random bits), owned by the caller. Throws
 * ApiRequestError with the server's code (401 `unauthorized` when signed out in Clerk mode).
 */
export async function createRoom(identity: Identity, kind = "room"): Promise<{ code: string }> {
  const headers = { ...(await authHeaders(identity)), "Content-Type": "application/json" };
  const response = await fetch("/api/rooms", { method: "POST", headers, body: JSON.stringify({ kind }) });
  const json: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (json ?? {}) as { error?: string; message?: string };
    throw new ApiRequestError(response.status, error.error ?? "http_error", error.message ?? response.statusText);
  }
  const code = (json as { code?: unknown }).code;
  if (typeof code !== "string" || normaliseRoomCode(code) !== code) throw new ApiRequestError(response.status, "unexpected_response", "unexpected response from POST /api/rooms");
  return { code };
}
