import { ErrorCode, MAX_PARTY_MEMBERS, type PartyInfo } from "@edgehold/protocol";
import type { PartyStore } from "./party-store.ts";

/** The refusals of the party rules; the REST layer gives each its status (http/parties-routes.ts). */
export type PartyRefusal =
  | typeof ErrorCode.partyNotFound
  | typeof ErrorCode.partyFull
  | typeof ErrorCode.alreadyInParty
  | typeof ErrorCode.notInvited
  | typeof ErrorCode.notAMember
  | typeof ErrorCode.forbidden;

export type PartyResult<T> = { ok: true; value: T } | { ok: false; error: PartyRefusal; message: string };

/** What a change did: the party after it (undefined: it ended), and who is no longer a member (their index is freed). */
export interface PartyChange {
  party: PartyInfo | undefined;
  gone?: string;
}

const refuse = (error: PartyRefusal, message: string): { ok: false; error: PartyRefusal; message: string } => ({ ok: false, error, message });
const notFound = () => refuse(ErrorCode.partyNotFound, "no such party: it was never created, or its last member left");

/**
 * The rules of one party (ARCHITECTURE.md "Play together"), over its store. Each runs without awaiting anything, so
 * inside the party's Durable Object no other request can come between a check and its write (the member count of a
 * join, say). "One party per player" is the players' side and is decided by their accounts (characters/party-index.ts).
 */
export const partyRules = {
  invite(store: PartyStore, by: string, playerId: string, now: number): PartyResult<PartyInfo> {
    const head = store.head();
    if (!head) return notFound();
    if (head.leader !== by) return refuse(ErrorCode.forbidden, "only the party's leader may invite");
    if (store.member(playerId)) return refuse(ErrorCode.alreadyInParty, `${playerId} is already in this party`);
    if (store.members().length >= MAX_PARTY_MEMBERS) return refuse(ErrorCode.partyFull, `a party has at most ${MAX_PARTY_MEMBERS} members`);
    store.invite(playerId, now);
    return { ok: true, value: store.info()! };
  },

  join(store: PartyStore, playerId: string, now: number): PartyResult<PartyInfo> {
    if (!store.head()) return notFound();
    if (store.member(playerId)) return { ok: true, value: store.info()! };
    if (!store.invited(playerId)) return refuse(ErrorCode.notInvited, "you were not invited to this party");
    if (store.members().length >= MAX_PARTY_MEMBERS) return refuse(ErrorCode.partyFull, `a party has at most ${MAX_PARTY_MEMBERS} members`);
    store.addMember(playerId, now);
    return { ok: true, value: store.info()! };
  },

  /** A member leaves: a leaving leader hands over to the oldest member left; the last one out ends the party. */
  leave(store: PartyStore, playerId: string): PartyResult<PartyChange> {
    const head = store.head();
    if (!head) return notFound();
    if (!store.member(playerId)) return refuse(ErrorCode.notAMember, "you are not a member of this party");
    store.removeMember(playerId);
    const [oldest] = store.members();
    if (!oldest) {
      store.end();
      return { ok: true, value: { party: undefined, gone: playerId } };
    }
    if (head.leader === playerId) store.setLeader(oldest.playerId);
    return { ok: true, value: { party: store.info(), gone: playerId } };
  },

  /** The leader removes a member (an invite stays until its party ends: the invitee may decline by not joining). */
  kick(store: PartyStore, by: string, playerId: string): PartyResult<PartyChange> {
    const head = store.head();
    if (!head) return notFound();
    if (head.leader !== by) return refuse(ErrorCode.forbidden, "only the party's leader may kick");
    if (playerId === by) return refuse(ErrorCode.forbidden, "the leader leaves rather than kicks themself");
    if (!store.member(playerId)) return refuse(ErrorCode.notAMember, `${playerId} is not a member of this party`);
    store.removeMember(playerId);
    return { ok: true, value: { party: store.info(), gone: playerId } };
  },
};
