import type { PartyInfo, PartySummonPayload } from "@edgehold/protocol";

type MemberRow = {
  player_id: string;
  joined_at: number;
  room_code: string | null;
  summon_code: string | null;
  summon_seat: string | null;
  summon_expires_at: number | null;
};

/** A member as the party keeps them: when they joined (hand-over goes to the oldest), where they are, their summon. */
export interface Member {
  playerId: string;
  joinedAt: number;
  roomCode: string | null;
  summon: PartySummonPayload | null;
}

/** One party's rows in its own Durable Object's SQLite: the party, its members, its invites. */
export class PartyStore {
  constructor(private readonly sql: SqlStorage) {}

  /** The party's id, leader and version (party-versions.ts), or undefined: never created, or ended. */
  head(): { id: string; leader: string; version: number } | undefined {
    return this.sql.exec<{ id: string; leader: string; version: number }>("SELECT id, leader, version FROM party").toArray()[0];
  }

  /** Counts the party's version one up (its members changed) and returns it. */
  nextVersion(): number {
    return this.sql.exec<{ version: number }>("UPDATE party SET version = version + 1 RETURNING version").one().version;
  }

  create(id: string, leader: string, now: number): void {
    this.sql.exec("INSERT INTO party (id, leader, created_at) VALUES (?, ?, ?)", id, leader, now);
    this.addMember(leader, now);
  }

  setLeader(playerId: string): void {
    this.sql.exec("UPDATE party SET leader = ?", playerId);
  }

  /** Members, oldest first (ties by id, so the hand-over is the same every time). */
  members(): Member[] {
    return this.sql.exec<MemberRow>("SELECT * FROM party_members ORDER BY joined_at, player_id").toArray().map(toMember);
  }

  member(playerId: string): Member | undefined {
    const row = this.sql.exec<MemberRow>("SELECT * FROM party_members WHERE player_id = ?", playerId).toArray()[0];
    return row && toMember(row);
  }

  addMember(playerId: string, now: number): void {
    this.sql.exec("INSERT INTO party_members (player_id, joined_at) VALUES (?, ?)", playerId, now);
    this.sql.exec("DELETE FROM party_invites WHERE player_id = ?", playerId);
  }

  removeMember(playerId: string): void {
    this.sql.exec("DELETE FROM party_members WHERE player_id = ?", playerId);
  }

  invites(): string[] {
    return this.sql.exec<{ player_id: string }>("SELECT player_id FROM party_invites ORDER BY invited_at, player_id").toArray().map((r) => r.player_id);
  }

  invited(playerId: string): boolean {
    return this.sql.exec("SELECT 1 FROM party_invites WHERE player_id = ?", playerId).toArray().length > 0;
  }

  invite(playerId: string, now: number): void {
    this.sql.exec("INSERT INTO party_invites (player_id, invited_at) VALUES (?, ?) ON CONFLICT(player_id) DO NOTHING", playerId, now);
  }

  /** Where a member is now (null: in no room). Written at a room join or leave of theirs, never per tick. */
  setRoom(playerId: string, roomCode: string | null): void {
    this.sql.exec("UPDATE party_members SET room_code = ? WHERE player_id = ?", roomCode, playerId);
  }

  setSummon(playerId: string, summon: PartySummonPayload): void {
    this.sql.exec(
      "UPDATE party_members SET summon_code = ?, summon_seat = ?, summon_expires_at = ? WHERE player_id = ?",
      summon.code, summon.seat, summon.seatExpiresAt, playerId,
    );
  }

  /** The party ended (its last member left): nothing of it stays. */
  end(): void {
    this.sql.exec("DELETE FROM party_invites");
    this.sql.exec("DELETE FROM party_members");
    this.sql.exec("DELETE FROM party");
  }

  info(): PartyInfo | undefined {
    const head = this.head();
    if (!head) return undefined;
    return { id: head.id, leader: head.leader, members: this.members().map((m) => m.playerId), invites: this.invites() };
  }
}

function toMember(row: MemberRow): Member {
  const summon =
    row.summon_code !== null && row.summon_seat !== null && row.summon_expires_at !== null
      ? { code: row.summon_code, seat: row.summon_seat, seatExpiresAt: row.summon_expires_at }
      : null;
  return { playerId: row.player_id, joinedAt: row.joined_at, roomCode: row.room_code, summon };
}
