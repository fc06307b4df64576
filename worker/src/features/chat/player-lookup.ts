/** Someone a slash command names: a player in the room, or one a moderation list remembers. */
export interface NamedPlayer {
  playerId: string;
  name: string;
}

export type Lookup<P extends NamedPlayer> = { ok: true; player: P; rest: string } | { ok: false; message: string };

/**
 * Reads a player's name off the front of `line` (the rest of a command line) among `candidates`, case-insensitively:
 * a quoted name (`"Big Bob" hi`), else the longest candidate name the line starts with followed by a space or the
 * end (names may hold spaces), else the first word — which may also be an exact playerId (two players of one name
 * are told apart that way). No match, or a name two players share, is an error naming it.
 */
export function lookUpPlayer<P extends NamedPlayer>(line: string, candidates: readonly P[]): Lookup<P> {
  const text = line.trimStart();
  const quoted = /^"([^"]+)"(?:\s+|$)/.exec(text);
  if (quoted) return byName(quoted[1]!.trim(), text.slice(quoted[0].length), candidates);
  const lower = text.toLowerCase();
  let best: string | undefined;
  for (const { name } of candidates) {
    const candidate = name.toLowerCase();
    if (!lower.startsWith(candidate)) continue;
    const after = text.charAt(candidate.length);
    if (after !== "" && !/\s/.test(after)) continue;
    if (best === undefined || candidate.length > best.length) best = candidate;
  }
  if (best !== undefined) return byName(text.slice(0, best.length), text.slice(best.length).trimStart(), candidates);
  const word = /^\S+/.exec(text)?.[0] ?? "";
  const rest = text.slice(word.length).trimStart();
  const byId = candidates.filter((c) => c.playerId === word);
  if (byId.length === 1) return { ok: true, player: byId[0]!, rest };
  return byName(word, rest, candidates);
}

function byName<P extends NamedPlayer>(name: string, rest: string, candidates: readonly P[]): Lookup<P> {
  const wanted = name.toLowerCase();
  const matches = candidates.filter((c) => c.name.toLowerCase() === wanted);
  // The same player may be listed twice (in the room and on a list): one player is no ambiguity.
  const distinct = new Map(matches.map((m) => [m.playerId, m]));
  if (distinct.size === 1) return { ok: true, player: [...distinct.values()][0]!, rest: rest.trimStart() };
  if (distinct.size > 1) return { ok: false, message: `${distinct.size} players are named "${name}": name one by their player id (${[...distinct.keys()].join(", ")})` };
  return { ok: false, message: name === "" ? "name a player" : `no player named "${name}" here` };
}
