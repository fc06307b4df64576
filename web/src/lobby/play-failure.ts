import { ApiRequestError } from "../app/api-answer.ts";
import type { OfferedKind } from "./rooms-api.ts";

/**
 * What the lobby says when Play (`POST /api/matchmake`) failed for `kind`: what the player can do about it where
 * there is something to do (sign in; a party too large for the kind), else "try again".
 */
export function playFailureMessage(failure: unknown, kind: OfferedKind): string {
  if (!(failure instanceof ApiRequestError)) return TRY_AGAIN;
  if (failure.status === 401) return "Sign in to play.";
  // The leader matchmakes for the whole party, and one room of the kind must seat all of it.
  if (failure.code === "party_too_large") {
    return `Your party has more players than a ${kind.name} room seats (${kind.capacity}): pick a larger kind, or leave the party to play alone.`;
  }
  return TRY_AGAIN;
}

const TRY_AGAIN = "No room could take you just now; try again.";
