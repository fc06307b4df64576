/** A lookup's question to one party, and whether a notice came while it was out (see `PartyCalls.heard`). */
export interface PartyQuestion {
  readonly partyId: string;
  overtaken: boolean;
}

/**
 * The order of a room's party calls for each player, and what may overtake them. Two races, both real:
 *
 * - A leave's forget (account, then party: "not in this room any more") and a quick rejoin's lookup ("in this room")
 *   are two chains of calls to the same two objects. Unordered, the forget can land last and erase the room the
 *   rejoin recorded: the party then never tells this room that the player left it, and the room keeps them in it.
 *   So each player's calls run one after another, in the order the room made them (`inOrder`).
 * - A lookup's answer from a party ("a member; here are the members") travels back while the party or another one
 *   may already have told the room of a later change (the player left it, joined another): applied last, the older
 *   answer would put the player back in the party they left. So a notice of the party asked, or naming the player,
 *   marks the question overtaken (`heard`), and the lookup asks again rather than apply its answer.
 *
 * In memory only: a room that restarts asks again as its players rejoin.
 */
export class PartyCalls {
  /** playerId → the last of their calls, settled or not: the next one starts after it. */
  private readonly queues = new Map<string, Promise<void>>();
  /** playerId → the party their lookup is asking now. */
  private readonly questions = new Map<string, PartyQuestion>();

  /** Runs `call` once `playerId`'s earlier calls have settled (failed or not); the returned promise is the call's. */
  inOrder(playerId: string, call: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(playerId) ?? Promise.resolve()).then(call);
    const settled = run.catch(() => undefined);
    this.queues.set(playerId, settled);
    // The map holds only the players with a call under way.
    void settled.then(() => {
      if (this.queues.get(playerId) === settled) this.queues.delete(playerId);
    });
    return run;
  }

  /** `playerId`'s lookup asks `partyId` now, until `answered`. */
  ask(playerId: string, partyId: string): PartyQuestion {
    const question: PartyQuestion = { partyId, overtaken: false };
    this.questions.set(playerId, question);
    return question;
  }

  answered(playerId: string): void {
    this.questions.delete(playerId);
  }

  /** A party told the room its members: questions to that party, and those of the players it names, are overtaken. */
  heard(partyId: string, members: readonly string[]): void {
    for (const question of this.questions.values()) if (question.partyId === partyId) question.overtaken = true;
    for (const playerId of members) {
      const question = this.questions.get(playerId);
      if (question) question.overtaken = true;
    }
  }
}
