import { confusableForms } from "@edgehold/protocol/names";

/** Someone a slash command names: a player in the room, or one a moderation list remembers. */
export interface NamedPlayer {
  playerId: string;
  name: string;
}

export type Lookup<P extends NamedPlayer> = { ok: true; player: P; rest: string } | { ok: false; message: string };

/**
 * How far into a command line a name is looked for: a name is at most 24 characters once normalised, and a few
 * more as typed (three Hangul jamo make one syllable).
 */
const MAX_TYPED_NAME = 80;

/**
 * Reads a player's name off the front of `line` (the rest of a command line) among `candidates`: a quoted name
 * (`"Big Bob" hi`), else the longest run of words that names a candidate (names may hold spaces), else the first
 * word — which may also be an exact playerId (two players of one name on a list are told apart that way). A name
 * matches as typed, case aside, and otherwise by its look-alikes (confusableForms): `/ban Bob 2` typed in Latin
 * names the Cyrillic "Воb 2" the room numbered, while `/ban Bob` names only "Bob" — the room never lets two
 * players of one look-alike name be in it together (room-names.ts). No match, or two, is an error naming it.
 *
 * This is the one place a typed name becomes a player: every command's `player` argument comes through here.
 */
export function lookUpPlayer<P extends NamedPlayer>(line: string, candidates: readonly P[]): Lookup<P> {
  const text = line.trimStart();
  const named = new NameMatcher(candidates);
  const quoted = /^"([^"]+)"(?:\s+|$)/.exec(text);
  if (quoted) return named.lookUp(quoted[1]!.trim(), text.slice(quoted[0].length));
  for (const end of wordEnds(text).reverse()) {
    const typed = text.slice(0, end);
    const found = named.matches(typed);
    if (found.players.length > 0) return answer(typed, found, text.slice(end));
  }
  const word = /^\S+/.exec(text)?.[0] ?? "";
  const rest = text.slice(word.length).trimStart();
  const byId = candidates.filter((c) => c.playerId === word);
  if (byId.length === 1) return { ok: true, player: byId[0]!, rest };
  return named.lookUp(word, rest);
}

/** The offsets in `text` where a word ends (before whitespace or at the end), within MAX_TYPED_NAME, ascending. */
function wordEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.slice(0, MAX_TYPED_NAME + 1).matchAll(/\S(?=\s|$)/g)) {
    if (match.index < MAX_TYPED_NAME) ends.push(match.index + 1);
  }
  return ends;
}

/** The players a typed name matched, and whether by the name itself (`exact`, case aside) or by look-alikes. */
interface Matches<P> {
  players: P[];
  exact: boolean;
}

function answer<P extends NamedPlayer>(name: string, found: Matches<P>, rest: string): Lookup<P> {
  const { players } = found;
  if (players.length === 1) return { ok: true, player: players[0]!, rest: rest.trimStart() };
  if (players.length === 0) return { ok: false, message: name === "" ? "name a player" : `no player named "${name}" here` };
  const how = found.exact ? `are named "${name}"` : `have names that look like "${name}"`;
  return { ok: false, message: `${players.length} players ${how}: name one by their player id (${players.map((p) => p.playerId).join(", ")})` };
}

/** Candidates with their names' forms worked out once per lookup (a room holds at most a few hundred). */
class NameMatcher<P extends NamedPlayer> {
  private keyed: { player: P; lower: string; forms: readonly string[] }[] | undefined;

  constructor(private readonly candidates: readonly P[]) {}

  /**
   * The distinct players `typed` names: those whose name it is, case aside; if none, those whose name looks like
   * it. (The same player may be listed twice — in the room and on a list: one player is no ambiguity.)
   */
  matches(typed: string): Matches<P> {
    this.keyed ??= this.candidates.map((player) => ({ player, lower: normal(player.name).toLowerCase(), forms: confusableForms(normal(player.name)) }));
    const wanted = normal(typed);
    const exact = this.keyed.filter((c) => c.lower === wanted.toLowerCase());
    const forms: readonly string[] = exact.length === 0 ? confusableForms(wanted) : [];
    const found = exact.length > 0 ? exact : this.keyed.filter((c) => c.forms.some((form) => forms.includes(form)));
    return { players: [...new Map(found.map((c) => [c.player.playerId, c.player])).values()], exact: exact.length > 0 };
  }

  lookUp(name: string, rest: string): Lookup<P> {
    return answer(name, this.matches(name), rest);
  }
}

/** A name as compared: NFKC (as names are stored), spaces made one (case is compared apart: "BIake" is not "biake"). */
function normal(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, " ").trim();
}
