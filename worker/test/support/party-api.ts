import { SELF } from "cloudflare:test";
import type { MyParty, PartyInfo } from "@edgehold/protocol";

/** One answer of the parties API: status and JSON body. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** A request to the parties API as `playerId` (dev mode's X-Player-Id), through the real worker. */
export async function partyApi<T = unknown>(playerId: string | undefined, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (playerId) headers["X-Player-Id"] = playerId;
  const response = await SELF.fetch(`http://example.com/api/parties${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as T };
}

/** `POST /api/parties` as `leader` (from `room`, when they play in one): the new party (throws unless 201). */
export async function createParty(leader: string, room?: string): Promise<PartyInfo> {
  const answer = await partyApi<PartyInfo>(leader, "POST", "", room === undefined ? undefined : { room });
  if (answer.status !== 201) throw new Error(`POST /api/parties answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const invite = (by: string, partyId: string, playerId: string) => partyApi<PartyInfo>(by, "POST", `/${partyId}/invites`, { playerId });
export const join = (playerId: string, partyId: string, room?: string) => partyApi<PartyInfo>(playerId, "POST", `/${partyId}/join`, room === undefined ? undefined : { room });
export const leave = (playerId: string, partyId: string) => partyApi<{ left: string; party: PartyInfo | null }>(playerId, "POST", `/${partyId}/leave`);
export const kick = (by: string, partyId: string, playerId: string) => partyApi<PartyInfo>(by, "POST", `/${partyId}/kick`, { playerId });
export const me = async (playerId: string) => (await partyApi<MyParty>(playerId, "GET", "/me")).body;

/** A party led by `leader` with `members` invited and joined (each step checked), formed from `room` if given. */
export async function formParty(leader: string, members: readonly string[], room?: string): Promise<PartyInfo> {
  const party = await createParty(leader, room);
  for (const member of members) {
    const invited = await invite(leader, party.id, member);
    if (invited.status !== 201) throw new Error(`invite ${member}: ${invited.status} ${JSON.stringify(invited.body)}`);
    const joined = await join(member, party.id, room);
    if (joined.status !== 200) throw new Error(`join ${member}: ${joined.status} ${JSON.stringify(joined.body)}`);
  }
  return (await me(leader)).party!;
}

/** N strings, as a tuple type (so destructuring `players("x", 3)` gives three strings). */
type Ids<N extends number, T extends string[] = []> = T["length"] extends N ? T : Ids<N, [...T, string]>;

let counter = 0;
/** Player ids no other test uses (accounts are per player id). */
export function players<N extends number>(prefix: string, count: N): Ids<N> {
  counter++;
  return Array.from({ length: count }, (_, i) => `${prefix}${counter}-${i}`) as Ids<N>;
}
