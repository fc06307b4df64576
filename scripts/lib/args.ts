/** Tiny `--name value` / `--flag` parser for the project's scripts. */
export function parseArgs(argv: string[], defaults: Record<string, string>): Record<string, string> {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (inline !== undefined) args[key] = inline;
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) args[key] = argv[++i]!;
    else args[key] = "true";
  }
  return args;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
