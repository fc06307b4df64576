import { bearerToken, resolveIdentity } from "../auth/identity.ts";
import { ApiError } from "./api-error.ts";

/**
 * Who is calling an API that acts for a player (their characters, the rooms they create): a Clerk session token
 * (`Authorization: Bearer`), or in dev mode `X-Player-Id` (the page's local dev identity; Clerk mode ignores it).
 * Nobody named is a 401.
 */
export async function callerId(env: Env, request: { header(name: string): string | undefined }): Promise<string> {
  const identity = await resolveIdentity(env, bearerToken(request.header("authorization")), request.header("x-player-id"));
  if (!identity.userId) throw new ApiError(401, "unauthorized", "dev mode: send X-Player-Id to say which player you are");
  return identity.userId;
}
