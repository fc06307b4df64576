import { readAuthConfig } from "../auth/auth-config.ts";

/**
 * In Clerk mode one user may be in this many rooms at once; joining one more closes the oldest (4006). A person
 * plays in one room, maybe watches a couple more in other tabs; an account in dozens of rooms is a script holding
 * seats. Dev mode has no cap: `npm run bots` runs hundreds of dev players from one machine.
 */
export const DEFAULT_MAX_ROOMS_PER_USER = 4;

/** `MAX_ROOMS_PER_USER` (a var) overrides the default; a value that is not a positive integer is ignored. */
export interface MembershipEnv {
  MAX_ROOMS_PER_USER?: string;
}

/** The cap on rooms per user, or undefined when none applies (dev mode: identities are not verified). */
export function maxRoomsPerUser(env: Env): number | undefined {
  if (readAuthConfig(env).mode === "dev") return undefined;
  const configured = Number((env as Env & MembershipEnv).MAX_ROOMS_PER_USER);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_ROOMS_PER_USER;
}

export function tooManyRoomsReason(cap: number): string {
  return `too many rooms: this account joined a room beyond the limit of ${cap} at once, so this one (the oldest) was closed`;
}

/**
 * The room's side of the rooms-per-user cap. The registry lives in the user's AccountDurableObject (one per user
 * id, so every room sees the same list): on admit the room records the connection there and evicts whatever it
 * hands back; on leave it removes it. Never blocks or fails a join: if the account is unreachable the cap is
 * simply not enforced for that join (logged).
 */
export class RoomMembership {
  private readonly cap: number | undefined;

  constructor(
    private readonly env: Env,
    private readonly logError: (where: string, error: unknown) => void,
  ) {
    this.cap = maxRoomsPerUser(env);
  }

  async entered(roomCode: string, playerId: string, connectionId: string, now: number): Promise<void> {
    const cap = this.cap;
    if (cap === undefined) return;
    try {
      const evictions = await this.account(playerId).enterRoom(roomCode, connectionId, now, cap);
      await Promise.all(
        evictions.map((eviction) => this.room(eviction.roomCode).evictPlayer(playerId, eviction.connectionId, tooManyRoomsReason(cap))),
      );
    } catch (error) {
      this.logError("membership.entered", error);
    }
  }

  left(roomCode: string, playerId: string, connectionId: string): void {
    if (this.cap === undefined) return;
    this.account(playerId)
      .leaveRoom(roomCode, connectionId)
      .catch((error: unknown) => this.logError("membership.left", error));
  }

  private account(playerId: string) {
    return this.env.ACCOUNTS.get(this.env.ACCOUNTS.idFromName(playerId));
  }

  /** The room object of `roomCode` (its stub is typed by the ROOMS binding, so this file needs no import of it). */
  private room(roomCode: string) {
    return this.env.ROOMS.get(this.env.ROOMS.idFromName(roomCode));
  }
}
