import type { PartyFields } from "@edgehold/protocol";
import type { ChannelFields } from "../../room/channel-diff.ts";
import type { PlayerEntity, RoomWorld } from "../../room/room-world.ts";
import { StableEntities } from "../../room/stable-entities.ts";
import { EVERYTHING, type SnapshotView } from "../../room/snapshot-view.ts";
import { PartyCalls } from "./party-calls.ts";
import { PartyVersions } from "./party-versions.ts";

/**
 * The parties of the players in one room, as their parties' Durable Objects told it (at each join, and at every
 * change while members are here): in memory only — a room that restarts asks again as its players rejoin, and
 * nothing is written per snapshot. Also the room's `party` channel: every member present, with their hp.
 */
export class PartyRoster {
  /** playerId (present) → their party. */
  private readonly partyOfPlayer = new Map<string, string>();
  /** party → its members (all of them, present or not), as last told. */
  private readonly membersOf = new Map<string, ReadonlySet<string>>();
  private readonly views = new Map<string, PartyView>();
  private readonly channel = new StableEntities<PartyFields>();
  /** Per party, the entity ids of its members present: made by each `collect`, read by the parties' views. */
  private entities = new Map<string, Set<string>>();
  /** The room's code (every connection's attachment names it), for telling a party where its members are. */
  roomCode: string | undefined;
  /** The calls that keep this roster true (lookups, forgets), in order per player; what a notice overtakes. */
  readonly calls = new PartyCalls();
  /** The version of each party the roster holds: what a notice older than it may not undo. */
  private readonly versions = new PartyVersions();

  constructor(private readonly world: RoomWorld) {}

  partyOf(playerId: string): string | undefined {
    return this.partyOfPlayer.get(playerId);
  }

  /**
   * `partyId`'s members are now `members` (none: it ended), as of the party's `version`. Returns the players present
   * whose party changed (joined it or left it): their connections need another view. A version older than the one
   * held changes nothing (it was overtaken on its way).
   */
  setParty(partyId: string, members: readonly string[], version: number): string[] {
    if (this.versions.isStale(partyId, version)) return [];
    this.versions.applied(partyId, version, members.length === 0);
    const now = new Set(members);
    const changed: string[] = [];
    if (now.size === 0) this.membersOf.delete(partyId);
    else this.membersOf.set(partyId, now);
    for (const [playerId, party] of this.partyOfPlayer) {
      if (party === partyId && !now.has(playerId)) {
        this.partyOfPlayer.delete(playerId);
        changed.push(playerId);
      }
    }
    for (const playerId of now) {
      if (!this.world.players.has(playerId) || this.partyOfPlayer.get(playerId) === partyId) continue;
      this.partyOfPlayer.set(playerId, partyId);
      changed.push(playerId);
    }
    if (now.size === 0) this.views.delete(partyId);
    return changed;
  }

  /** A player left the room. */
  drop(playerId: string): void {
    const partyId = this.partyOfPlayer.get(playerId);
    if (partyId === undefined) return;
    this.partyOfPlayer.delete(playerId);
    if (![...this.partyOfPlayer.values()].includes(partyId)) {
      this.membersOf.delete(partyId);
      this.views.delete(partyId);
      this.versions.forget(partyId);
    }
  }

  /** The members of `playerId`'s party who are in the room (themself included); undefined: in no party. */
  presentWith(playerId: string): PlayerEntity[] | undefined {
    const partyId = this.partyOfPlayer.get(playerId);
    if (partyId === undefined) return undefined;
    const present: PlayerEntity[] = [];
    for (const member of this.membersOf.get(partyId) ?? []) {
      const player = this.world.players.get(member);
      if (player && this.partyOfPlayer.get(member) === partyId) present.push(player);
    }
    return present;
  }

  /** The view of `playerId`'s party (its key names the party: its members share one diff), or undefined. */
  viewOf(playerId: string): SnapshotView | undefined {
    const partyId = this.partyOfPlayer.get(playerId);
    if (partyId === undefined) return undefined;
    let view = this.views.get(partyId);
    if (!view) this.views.set(partyId, (view = new PartyView(partyId, this)));
    return view;
  }

  /**
   * The `party` channel: every party member present, by entity id → name and hp (read from the sim's combat views,
   * one pass). Its fields objects are kept while unchanged (StableEntities), so a party's diff of them is a compare each.
   */
  collect(): ReadonlyMap<string, PartyFields> {
    const { hp } = this.world.sim.combat.view();
    this.channel.begin();
    this.entities = new Map();
    for (const [playerId, partyId] of this.partyOfPlayer) {
      const player = this.world.players.get(playerId);
      if (!player) continue;
      const ids = this.entities.get(partyId);
      if (ids) ids.add(player.entityId);
      else this.entities.set(partyId, new Set([player.entityId]));
      const held = this.channel.previous(player.entityId);
      const hpNow = hp[player.slot]!;
      const maxHp = this.world.sim.combat.maxHp(player.slot);
      if (held && held.hp === hpNow && held.maxHp === maxHp && held.name === player.name) this.channel.put(player.entityId, held);
      else this.channel.put(player.entityId, { name: player.name, hp: hpNow, maxHp });
    }
    return this.channel.end();
  }

  /** The entity ids of `partyId`'s members present, as of the last `collect`. */
  entitiesOf(partyId: string): ReadonlySet<string> | undefined {
    return this.entities.get(partyId);
  }
}

/**
 * What a party's members see: everything everyone sees, plus their own party's entries of the scoped `party`
 * channel. One per party: its members share the party channel's diff and encoding, and everyone's for the rest.
 */
class PartyView implements SnapshotView {
  readonly key: string;
  /** Everything everyone sees, shared with them (one diff and encoding of the room), plus the party's entries. */
  readonly base = EVERYTHING;

  constructor(
    private readonly partyId: string,
    private readonly roster: PartyRoster,
  ) {
    this.key = `party:${partyId}`;
  }

  select(_channel: string, entities: ReadonlyMap<string, ChannelFields>): ReadonlyMap<string, ChannelFields> {
    return entities;
  }

  selectScoped(_channel: string, entities: ReadonlyMap<string, ChannelFields>): ReadonlyMap<string, ChannelFields> {
    const mine = new Map<string, ChannelFields>();
    for (const id of this.roster.entitiesOf(this.partyId) ?? []) {
      const fields = entities.get(id);
      if (fields) mine.set(id, fields);
    }
    return mine;
  }
}
