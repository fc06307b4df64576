import { DurableObject } from "cloudflare:workers";
import { ErrorCode, type PartyInfo, type PartySummonPayload } from "@edgehold/protocol";
import { migrate } from "../storage/migrations.ts";
import { PARTY_MIGRATIONS } from "./party-schema.ts";
import { partyRules, type PartyChange, type PartyResult } from "./party-rules.ts";
import { PartyStore } from "./party-store.ts";
import { PARTY_NOTICES, type PartyMembersAnswer, type PartyMembersNotice, type PartySummonNotice } from "./party-notices.ts";

/** One seat the leader's matchmake reserved for a member (the directory's `seats` entries). */
export interface ReservedSeat {
  playerId: string;
  seat: string;
  seatExpiresAt: number;
}

/**
 * One party (keyed by its id): its leader, members and invites, and where its members are. Glue over the party
 * rules (party-rules.ts) and its store; what it adds is telling the rooms its members are in when the party changes
 * (so a room's `party` channel and party chat follow at once) and delivering summons. An id that was never created
 * stores nothing: the tables are made by `create` only.
 */
export class PartyDurableObject extends DurableObject<Env> {
  private readonly store: PartyStore;
  private migrated: boolean;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new PartyStore(ctx.storage.sql);
    this.migrated = ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'party'").toArray().length > 0;
    // A party made by an older build gets the later migrations (its version column) before its first call.
    if (this.migrated) migrate(ctx.storage, [{ owner: "party", migrations: PARTY_MIGRATIONS }]);
  }

  /** Makes this id a party led by `leader` (the caller's account already claimed it: http/parties-routes.ts). */
  async create(id: string, leader: string, roomCode: string | null): Promise<PartyInfo> {
    if (!this.migrated) migrate(this.ctx.storage, [{ owner: "party", migrations: PARTY_MIGRATIONS }]);
    this.migrated = true;
    if (this.store.head()) throw new Error(`party ${id} exists already`);
    this.store.create(id, leader, Date.now());
    if (roomCode) this.store.setRoom(leader, roomCode);
    const party = this.store.info()!;
    await this.tellRooms(party, this.store.nextVersion());
    return party;
  }

  async info(): Promise<PartyInfo | null> {
    return this.party()?.info() ?? null;
  }

  async invite(by: string, playerId: string): Promise<PartyResult<PartyInfo>> {
    return this.run((store) => partyRules.invite(store, by, playerId, Date.now()));
  }

  /** `roomCode`: the room the player is in now (their account knows), so the party reaches them there at once. */
  async join(playerId: string, roomCode: string | null): Promise<PartyResult<PartyInfo>> {
    const result = this.run((store) => partyRules.join(store, playerId, Date.now()));
    if (result.ok && roomCode) this.store.setRoom(playerId, roomCode);
    if (result.ok) await this.tellRooms(result.value, this.store.nextVersion());
    return result;
  }

  async leave(playerId: string): Promise<PartyResult<PartyChange>> {
    return this.change(playerId, (store) => partyRules.leave(store, playerId));
  }

  async kick(by: string, playerId: string): Promise<PartyResult<PartyChange>> {
    return this.change(playerId, (store) => partyRules.kick(store, by, playerId));
  }

  /** The leader of this party if it invited `playerId` (for their `invitedTo`); null otherwise. */
  async inviteFor(playerId: string): Promise<{ id: string; leader: string } | null> {
    const store = this.party();
    const head = store?.head();
    return head && store!.invited(playerId) ? { id: head.id, leader: head.leader } : null;
  }

  /** What `GET /api/parties/me` shows a member: the party and their summon (while its seat is valid); null: not one. */
  async memberView(playerId: string): Promise<{ party: PartyInfo; summon: PartySummonPayload | null } | null> {
    const store = this.party();
    const member = store?.member(playerId);
    if (!member) return null;
    const summon = member.summon && member.summon.seatExpiresAt > Date.now() ? member.summon : null;
    return { party: store!.info()!, summon };
  }

  /**
   * A member joined room `roomCode` (the room asks at every join): recorded, so changes reach that room; returns the
   * members (the room's `party` channel and party chat), or null when `playerId` is not a member (any more).
   */
  async enterRoom(playerId: string, roomCode: string): Promise<PartyMembersAnswer | null> {
    const store = this.party();
    if (!store?.member(playerId)) return null;
    store.setRoom(playerId, roomCode);
    return { members: store.members().map((m) => m.playerId), version: store.head()!.version };
  }

  /** A member left room `roomCode` (a later join elsewhere may already have moved them: then nothing changes). */
  async leftRoom(playerId: string, roomCode: string): Promise<void> {
    const member = this.party()?.member(playerId);
    if (member?.roomCode === roomCode) this.store.setRoom(playerId, null);
  }

  /**
   * The leader's matchmake reserved these seats in one room (room `code`): each member's summon is stored (`GET
   * /api/parties/me` names it until the seat expires) and sent as the event `party.summon` to members in a room now.
   * Seats of players who are not members are ignored. Returns the members summoned.
   */
  async summon(code: string, seats: readonly ReservedSeat[]): Promise<string[]> {
    const store = this.party();
    if (!store) return [];
    const summoned: string[] = [];
    const deliveries: Promise<unknown>[] = [];
    for (const { playerId, seat, seatExpiresAt } of seats) {
      const member = store.member(playerId);
      if (!member) continue;
      const summon = { code, seat, seatExpiresAt };
      store.setSummon(playerId, summon);
      summoned.push(playerId);
      if (member.roomCode) deliveries.push(this.notify(member.roomCode, PARTY_NOTICES.summon, { playerId, summon } satisfies PartySummonNotice));
    }
    await Promise.allSettled(deliveries);
    return summoned;
  }

  /** The store of a party that exists (undefined: never created, or ended). */
  private party(): PartyStore | undefined {
    return this.migrated && this.store.head() ? this.store : undefined;
  }

  private run<T>(rule: (store: PartyStore) => PartyResult<T>): PartyResult<T> {
    const store = this.party();
    if (!store) return { ok: false, error: ErrorCode.partyNotFound, message: "no such party: it was never created, or its last member left" };
    return rule(store);
  }

  /** A member goes (leave, kick): the rooms of everyone who was a member hear of it, the one who went included. */
  private async change(playerId: string, rule: (store: PartyStore) => PartyResult<PartyChange>): Promise<PartyResult<PartyChange>> {
    const before = this.party()?.head();
    const wasIn = this.party()?.member(playerId)?.roomCode ?? null;
    const result = this.run(rule);
    if (!result.ok || !before) return result;
    // An ended party's rows are gone: its last notice counts on from the version it had.
    const version = this.party() ? this.store.nextVersion() : before.version + 1;
    await this.tellRooms(result.value.party ?? { id: before.id, leader: before.leader, members: [], invites: [] }, version, wasIn);
    return result;
  }

  /**
   * Tells every room a member is in (and `alsoRoom`) who the members are now (none: the party ended), as of
   * `version`. The notices of two changes may cross on their way (each is its own call, and a second change may run
   * while the first one's notices are out): the rooms order them by it.
   */
  private async tellRooms(party: PartyInfo, version: number, alsoRoom: string | null = null): Promise<void> {
    const rooms = new Set<string>();
    for (const member of this.migrated ? this.store.members() : []) if (member.roomCode) rooms.add(member.roomCode);
    if (alsoRoom) rooms.add(alsoRoom);
    const notice: PartyMembersNotice = { partyId: party.id, members: party.members, version };
    await Promise.allSettled([...rooms].map((code) => this.notify(code, PARTY_NOTICES.members, notice)));
  }

  private async notify(roomCode: string, notice: string, payload: PartyMembersNotice | PartySummonNotice): Promise<void> {
    try {
      await this.env.ROOMS.get(this.env.ROOMS.idFromName(roomCode)).notify("party", notice, payload);
    } catch (error) {
      // A room that is gone cannot be told; the member's next join asks again.
      console.error(`[PartyDurableObject] telling room ${roomCode} (${notice}):`, error);
    }
  }
}
