import { authHeaders } from "../identity/auth-request.ts";
import type { Identity } from "../identity/identity-context.tsx";

export const CHARACTER_CLASSES = ["warrior", "ranger", "mage", "rogue"] as const;

export interface Character {
  id: string;
  name: string;
  characterClass: string;
  appearance: { color: string; cosmetics: string[] };
  createdAt: string;
}

export interface CharacterList {
  characters: Character[];
  activeCharacterId: string | null;
}

/** A failed API call, with the server's error code and the field it named. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

async function call<T>(identity: Identity, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { ...(await authHeaders(identity)) };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/characters${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (json ?? {}) as { error?: string; message?: string; field?: string };
    throw new ApiRequestError(response.status, error.error ?? "http_error", error.message ?? response.statusText, error.field);
  }
  return json as T;
}

export const charactersApi = {
  list: (identity: Identity) => call<CharacterList>(identity, "GET", ""),
  create: (identity: Identity, input: { name: string; class: string; appearance: { color: string } }) => call<Character>(identity, "POST", "", input),
  select: (identity: Identity, id: string) => call<Character>(identity, "POST", `/${encodeURIComponent(id)}/select`),
  remove: (identity: Identity, id: string) => call<{ deleted: string; activeCharacterId: string | null }>(identity, "DELETE", `/${encodeURIComponent(id)}`),
  recolor: (identity: Identity, id: string, color: string) => call<Character>(identity, "PATCH", `/${encodeURIComponent(id)}`, { appearance: { color } }),
};
