import { confusableForms, MAX_NAME_LENGTH } from "@edgehold/protocol/names";
import { maskProfanity } from "../features/chat/profanity-filter.ts";

interface Claim {
  /** The name the player came with (their character's). */
  base: string;
  shown: string;
  forms: readonly string[];
}

/**
 * The names the players in one room are shown by: their character's name with profanity masked, and — when that
 * looks like the name of a player already here (the same TR39 skeleton, case aside: protocol's confusableForms) —
 * a number: "Bob", then "Вob 2" for a later Cyrillic one, then "B0b 3". So no two players here ever look alike in
 * presence, chat or `/who`, and a name typed in a command names one of them (player-lookup.ts). Who came first
 * keeps the plain name; a player keeps theirs until they leave or play a character of another name.
 */
export class RoomNames {
  private readonly claims = new Map<string, Claim>();

  /** The name `playerId` is shown by while playing a character named `base`. */
  claim(playerId: string, base: string): string {
    const current = this.claims.get(playerId);
    if (current?.base === base) return current.shown;
    this.claims.delete(playerId);
    const taken = new Set([...this.claims.values()].flatMap((claim) => claim.forms));
    const masked = maskProfanity(base);
    // Each other player's forms block at most one candidate each, so this ends within 2 × players + 1 tries.
    for (let n = 1; ; n++) {
      const shown = n === 1 ? masked : numbered(masked, n);
      const forms = confusableForms(shown);
      if (forms.some((form) => taken.has(form))) continue;
      this.claims.set(playerId, { base, shown, forms });
      return shown;
    }
  }

  /** `playerId` left: their name is free for the next to come. */
  release(playerId: string): void {
    this.claims.delete(playerId);
  }
}

/** `name` with ` n` after it, the name cut (by characters) so the whole stays within MAX_NAME_LENGTH. */
function numbered(name: string, n: number): string {
  const suffix = ` ${n}`;
  const characters = [...name];
  const room = MAX_NAME_LENGTH - suffix.length;
  return (characters.length > room ? characters.slice(0, room).join("").trimEnd() : name) + suffix;
}
