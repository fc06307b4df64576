import type { MyParty, PartyInfo } from "@edgehold/protocol";
import { answerOf } from "../../app/api-answer.ts";
import { authHeaders } from "../../identity/auth-request.ts";
import type { Identity } from "../../identity/identity-context.tsx";

/** One call of the parties API as the signed-in player; a refusal throws ApiRequestError with the server's code. */
async function call<T>(identity: Identity, method: "GET" | "POST", path: string, body?: object): Promise<T> {
  const headers = { ...(await authHeaders(identity)), "Content-Type": "application/json" };
  const response = await fetch(`/api/parties${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  return (await answerOf(response)) as T;
}

/**
 * The parties API (ARCHITECTURE.md "Play together"), as the party panel uses it. Create and join name the room the
 * panel is in (`room`), so the party reaches this player here at once (the frame and party chat).
 */
export const partyApi = {
  me: (identity: Identity) => call<MyParty>(identity, "GET", "/me"),
  create: (identity: Identity, room: string | null) => call<PartyInfo>(identity, "POST", "", room ? { room } : undefined),
  invite: (identity: Identity, partyId: string, playerId: string) => call<PartyInfo>(identity, "POST", `/${partyId}/invites`, { playerId }),
  join: (identity: Identity, partyId: string, room: string | null) => call<PartyInfo>(identity, "POST", `/${partyId}/join`, room ? { room } : undefined),
  leave: (identity: Identity, partyId: string) => call<unknown>(identity, "POST", `/${partyId}/leave`),
  kick: (identity: Identity, partyId: string, playerId: string) => call<PartyInfo>(identity, "POST", `/${partyId}/kick`, { playerId }),
};
