import { ErrorCode } from "@edgehold/protocol";
import type { ArgSpec, ArgValues, PlayerPools } from "./command-args.ts";
import { usageOf } from "./command-usage.ts";
import { lookUpPlayer } from "../player-lookup.ts";

/** A line that starts with `/`: the command word (lower case) and the rest of the line. */
export function splitCommandLine(line: string): { name: string; rest: string } | undefined {
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(line);
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), rest: match[2]! };
}

export type ParsedArgs<A extends readonly ArgSpec[]> =
  | { ok: true; args: ArgValues<A> }
  | { ok: false; code: typeof ErrorCode.invalidCommand | typeof ErrorCode.noSuchPlayer; message: string };

/** The rest of a command line → the command's typed arguments, or a precise error (with the usage). */
export function parseArgs<A extends readonly ArgSpec[]>(command: { readonly name: string; readonly args: A }, rest: string, pools: PlayerPools): ParsedArgs<A> {
  const values: Record<string, unknown> = {};
  let line = rest.trim();
  const usage = `usage: ${usageOf(command)}`;
  const invalid = (why: string) => ({ ok: false as const, code: ErrorCode.invalidCommand, message: `${why} (${usage})` });
  for (const arg of command.args) {
    if (arg.kind === "player") {
      if (line === "") return invalid(`/${command.name} needs a player`);
      const found = lookUpPlayer(line, pools[arg.among ?? "room"]());
      if (!found.ok) return { ok: false, code: ErrorCode.noSuchPlayer, message: found.message };
      values[arg.name] = found.player;
      line = found.rest;
      continue;
    }
    if (arg.kind === "text") {
      if (line === "") return invalid(`/${command.name} needs ${arg.name}`);
      values[arg.name] = line;
      line = "";
      continue;
    }
    const word = /^\S+/.exec(line)?.[0];
    if (word === undefined) {
      if (arg.optional) continue;
      return invalid(`/${command.name} needs ${arg.name}`);
    }
    line = line.slice(word.length).trimStart();
    if (arg.kind === "choice") {
      const choice = arg.choices.find((c) => c === word.toLowerCase());
      if (choice === undefined) return invalid(`${arg.name} must be one of ${arg.choices.join(", ")}, not "${word}"`);
      values[arg.name] = choice;
    } else {
      const n = /^\d+$/.test(word) ? Number(word) : NaN;
      if (!Number.isInteger(n) || n < arg.min || n > arg.max) return invalid(`${arg.name} must be a whole number ${arg.min}..${arg.max}, not "${word}"`);
      values[arg.name] = n;
    }
  }
  if (line !== "") return invalid(`unexpected "${line.slice(0, 40)}"`);
  // Every spec'd argument was read into `values` by its own name and kind, which is what ArgValues<A> says.
  return { ok: true, args: values as ArgValues<A> };
}
