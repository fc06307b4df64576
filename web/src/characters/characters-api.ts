import { answerOf, ApiRequestError } from "../app/api-answer.ts";
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

export { ApiRequestError };

/** Narrow checks of what the server sent, so a proxy's HTML error page or a changed API fails loudly here. */
function isCharacter(value: unknown): value is Character {
  const c = value as Partial<Character> | null;
  return (
    typeof c === "object" && c !== null && typeof c.id === "string" && typeof c.name === "string" &&
    typeof c.characterClass === "string" && typeof c.appearance?.color === "string" && Array.isArray(c.appearance.cosmetics)
  );
}

function isCharacterList(value: unknown): value is CharacterList {
  const list = value as Partial<CharacterList> | null;
  return typeof list === "object" && list !== null && Array.isArray(list.characters) && list.characters.every(isCharacter) &&
    (list.activeCharacterId === null || typeof list.activeCharacterId === "string");
}

function isDeletion(value: unknown): value is { deleted: string; activeCharacterId: string | null } {
  const d = value as { deleted?: unknown; activeCharacterId?: unknown } | null;
  return typeof d === "object" && d !== null && typeof d.deleted === "string" && (d.activeCharacterId === null || typeof d.activeCharacterId === "string");
}

async function call<T>(identity: Identity, method: string, path: string, check: (value: unknown) => value is T, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { ...(await authHeaders(identity)) };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/characters${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await answerOf(response);
  if (!check(json)) throw new ApiRequestError(response.status, "unexpected_response", `unexpected response from ${method} /api/characters${path}`);
  return json;
}

export const charactersApi = {
  list: (identity: Identity) => call(identity, "GET", "", isCharacterList),
  create: (identity: Identity, input: { name: string; class: string; appearance: { color: string } }) => call(identity, "POST", "", isCharacter, input),
  select: (identity: Identity, id: string) => call(identity, "POST", `/${encodeURIComponent(id)}/select`, isCharacter),
  remove: (identity: Identity, id: string) => call(identity, "DELETE", `/${encodeURIComponent(id)}`, isDeletion),
  recolor: (identity: Identity, id: string, color: string) => call(identity, "PATCH", `/${encodeURIComponent(id)}`, isCharacter, { appearance: { color } }),
};
