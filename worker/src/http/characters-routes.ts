import { Hono } from "hono";
import { callerId } from "./caller.ts";
import type { CharacterResult } from "../characters/account-durable-object.ts";
import { CharacterValidationError, parseAppearancePatch, parseNewCharacter } from "../characters/character-rules.ts";
import { ApiError } from "./api-error.ts";
import { readJson } from "./read-json.ts";
import { DomainEventType } from "../ops/domain-events.ts";
import { publishFromRequest } from "./publish-from-request.ts";

type Variables = { userId: string };

/** REST for the signed-in account's characters. Every route acts on the caller's own account only. */
export const charactersRoutes = new Hono<{ Bindings: Env; Variables: Variables }>();

charactersRoutes.use("*", async (c, next) => {
  c.set("userId", await callerId(c.env, c.req));
  await next();
});

charactersRoutes.get("/", async (c) => c.json(await account(c.env, c.var.userId).listCharacters()));

charactersRoutes.post("/", async (c) => {
  const payload = await readJson(c.req.raw);
  const input = validated(() => parseNewCharacter(payload));
  const character = unwrap(await account(c.env, c.var.userId).createCharacter(input));
  publishFromRequest(c, { type: DomainEventType.characterCreated, at: Date.now(), player: c.var.userId, data: { characterId: character.id, name: character.name } });
  return c.json(character, 201);
});

charactersRoutes.get("/:id", async (c) => c.json(unwrap(await account(c.env, c.var.userId).getCharacter(c.req.param("id")))));

charactersRoutes.patch("/:id", async (c) => {
  const stub = account(c.env, c.var.userId);
  const current = unwrap(await stub.getCharacter(c.req.param("id")));
  const payload = await readJson(c.req.raw);
  const appearance = validated(() => parseAppearancePatch(payload, current.appearance));
  return c.json(unwrap(await stub.updateAppearance(current.id, appearance)));
});

charactersRoutes.delete("/:id", async (c) => {
  const deleted = unwrap(await account(c.env, c.var.userId).deleteCharacter(c.req.param("id")));
  publishFromRequest(c, { type: DomainEventType.characterDeleted, at: Date.now(), player: c.var.userId, data: { characterId: c.req.param("id") } });
  return c.json(deleted);
});

charactersRoutes.post("/:id/select", async (c) => c.json(unwrap(await account(c.env, c.var.userId).selectCharacter(c.req.param("id")))));

export function account(env: Env, userId: string) {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(userId));
}

const STATUS = { not_found: 404, name_taken: 409, limit_reached: 409 } as const;

function unwrap<T>(result: CharacterResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(STATUS[result.error], result.error, result.message, result.field);
}

/** Runs a parser over the parsed body, turning its validation error into a 400 that names the field. */
function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CharacterValidationError) throw new ApiError(400, "invalid_character", error.message, error.field);
    throw error;
  }
}
