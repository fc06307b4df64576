import { ErrorCode, type ErrorPayload } from "@edgehold/protocol";
import type { CharacterProfileStore } from "../storage/character-profiles.ts";
import type { MintedToken, ResumeTokenStore } from "../storage/resume-tokens.ts";
import { cleanDisplayName } from "./display-name.ts";
import type { JoinRequest } from "./join-request.ts";
import { defaultCharacter, DEFAULT_CHARACTER_ID, fromAccountCharacter, type RoomCharacter } from "./room-character.ts";

/** Who is joining, settled before the socket is accepted (the only awaits of a join happen here). */
export interface JoinPlan {
  playerId: string;
  resumed: boolean;
  /**
   * The token this join will hand out, minted but NOT stored yet: the room stores it (revoking the player's older
   * ones) only once it has decided to admit, so a join refused for a full room leaves the presented token valid.
   */
  resumeToken: MintedToken;
  resumeNotice: ErrorPayload | undefined;
  character: RoomCharacter;
}

/**
 * Decides who a join request is: honours a valid resume token (same room, same player, unexpired), generates a
 * guest id when nobody was named, reads the player's active character from their account, and mints the next token.
 * It writes nothing: a plan may still be refused (room full).
 */
export class JoinPlanner {
  constructor(
    private readonly env: Env,
    private readonly resumeTokens: ResumeTokenStore,
    private readonly profiles: CharacterProfileStore,
    private readonly now: () => number,
    private readonly logError: (where: string, error: unknown) => void,
  ) {}

  async plan(join: JoinRequest): Promise<JoinPlan> {
    const now = this.now();
    let playerId = join.playerId;
    let resumed = false;
    let resumeNotice: ErrorPayload | undefined;
    if (join.resumeToken !== undefined) {
      const owner = await this.resumeTokens.lookup(join.resumeToken, join.roomCode, now);
      if (owner !== undefined && (playerId === undefined || owner === playerId)) {
        playerId = owner;
        resumed = true;
      } else {
        resumeNotice = { code: ErrorCode.resumeRejected, message: "resume token unknown, expired or for another player; joined as a new session" };
      }
    }
    const isGuest = playerId === undefined;
    playerId ??= generatePlayerId();
    const character = await this.characterFor(playerId, isGuest, cleanDisplayName(join.name));
    const resumeToken = await this.resumeTokens.mint();
    return { playerId, resumed, resumeToken, resumeNotice, character };
  }

  /** The player's active character from their account (one call per join), or a default one. */
  private async characterFor(playerId: string, isGuest: boolean, displayName: string | undefined): Promise<RoomCharacter> {
    if (!isGuest) {
      try {
        const active = await this.env.ACCOUNTS.get(this.env.ACCOUNTS.idFromName(playerId)).activeCharacter();
        if (active) return fromAccountCharacter(active, playerId);
      } catch (error) {
        // An unreachable account must not keep a player out of a room: they play their default character.
        this.logError("characterFor", error);
      }
    }
    const saved = this.profiles.load(playerId, DEFAULT_CHARACTER_ID);
    return defaultCharacter(playerId, displayName ?? cleanDisplayName(saved?.character.name));
  }
}

function generatePlayerId(): string {
  return `guest-${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}
