import { SPECIES } from "./species.ts";

/** Creatures per room when CREATURE_POPULATION is not set: enough to meet some on a walk, few enough to not crowd. */
export const DEFAULT_POPULATION = 12;
/**
 * At most this many creatures per room. The bench runs 50 with 64 players; brains cost ~1 µs each per step, but
 * every creature is also an entity in every snapshot, and past a few hundred they would crowd the 128 m world.
 */
export const MAX_POPULATION = 200;

export interface WildlifeEnv {
  /**
   * How many creatures live in a room: a count (`12`, split over the species by their shares), `0` for none, or
   * species counts (`deer=8,wolf=4`, each species at most once). Anything else — a count or a total over
   * MAX_POPULATION included — is refused with a warning, and the default applies.
   */
  CREATURE_POPULATION?: string;
}

/** Species id → how many of it a room keeps alive, in species-table order. */
export type Population = ReadonlyMap<string, number>;

/** The population `env` asks for (see WildlifeEnv), or the default one; `warn` hears why a setting was refused. */
export function populationOf(env: WildlifeEnv, warn: (message: string) => void = (message) => console.warn(message)): Population {
  const raw = env.CREATURE_POPULATION?.trim();
  if (raw === undefined || raw === "") return splitByShare(DEFAULT_POPULATION);
  const parsed = /^\d+$/.test(raw) ? countOf(Number(raw)) : parseCounts(raw);
  if (typeof parsed === "string") {
    warn(`CREATURE_POPULATION "${raw}" ignored (${parsed}); the default of ${DEFAULT_POPULATION} applies`);
    return splitByShare(DEFAULT_POPULATION);
  }
  return parsed;
}

/** `total` creatures split over the species by share (largest remainder, ties to the earlier species). */
export function splitByShare(total: number): Population {
  const shares = SPECIES.reduce((sum, s) => sum + s.share, 0);
  const counts = SPECIES.map((s) => Math.floor((total * s.share) / shares));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = SPECIES.map((s, i) => ({ i, rest: (total * s.share) / shares - counts[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) if (left-- > 0) counts[i]!++;
  return new Map(SPECIES.map((s, i) => [s.id, counts[i]!]));
}

/** A plain count split by share, or why not (over MAX_POPULATION). */
function countOf(total: number): Population | string {
  return total <= MAX_POPULATION ? splitByShare(total) : `more than ${MAX_POPULATION} creatures`;
}

/** `deer=8,wolf=4` → counts, or why not: an unknown species, one named twice, a bad count, a total over MAX_POPULATION. */
function parseCounts(raw: string): Population | string {
  const counts = new Map<string, number>(SPECIES.map((s) => [s.id, 0]));
  const named = new Set<string>();
  for (const part of raw.split(",")) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) return `"${part.trim()}" is not species=count`;
    const species = match[1]!;
    if (!counts.has(species)) return `unknown species "${species}"`;
    if (named.has(species)) return `"${species}" given twice`;
    named.add(species);
    counts.set(species, Number(match[2]));
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return total <= MAX_POPULATION ? counts : `more than ${MAX_POPULATION} creatures`;
}
