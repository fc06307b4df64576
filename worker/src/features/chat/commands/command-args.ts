import type { NamedPlayer } from "../player-lookup.ts";

/**
 * One argument of a slash command, as its usage line shows it and the parser reads it:
 * - `player`: a name (see player-lookup.ts) among the players in the room, or for `/unmute` also the muted ones,
 *   for `/unban` the banned ones, for `/ban`, `/mute` and `/clear` also those who left within the last hour;
 * - `text`: the rest of the line, at least one character;
 * - `choice`: one word of a fixed list;
 * - `integer`: a whole number in a range.
 */
export type ArgSpec =
  | { readonly kind: "player"; readonly name: string; readonly among?: "room" | "muted" | "banned" | "recent" }
  | { readonly kind: "text"; readonly name: string }
  | { readonly kind: "choice"; readonly name: string; readonly choices: readonly string[]; readonly optional?: boolean }
  | { readonly kind: "integer"; readonly name: string; readonly min: number; readonly max: number; readonly optional?: boolean };

type Optional<S, V> = S extends { optional: true } ? V | undefined : V;
export type ArgValue<S extends ArgSpec> = S extends { kind: "player" }
  ? NamedPlayer
  : S extends { kind: "text" }
    ? string
    : S extends { kind: "choice"; choices: readonly (infer C)[] }
      ? Optional<S, C>
      : Optional<S, number>;

/** The parsed arguments of a command, by name, typed by its spec. */
export type ArgValues<A extends readonly ArgSpec[]> = { [S in A[number] as S["name"]]: ArgValue<S> };

/** Who a `player` argument may name, by its `among`. */
export type PlayerPools = Record<NonNullable<Extract<ArgSpec, { kind: "player" }>["among"]>, () => NamedPlayer[]>;
