/** wrangler's own default, kept so bookmarks and the Vite proxy (`npm run dev:web`) keep working. */
export const DEFAULT_DEV_PORT = 8787;

/**
 * The port `npm run dev` listens on: `--port N` / `--port=N`, else PORT, else 8787. The port flag is taken out of
 * the arguments (wrangler accepts it once); the rest go to wrangler unchanged.
 */
export function devArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { port: number; rest: string[] } {
  let port: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--port") port = argv[++i] ?? "";
    else if (arg.startsWith("--port=")) port = arg.slice("--port=".length);
    else rest.push(arg);
  }
  if (port !== undefined && port.trim() === "") throw new Error("--port needs a value: npm run dev -- --port 9000");
  const chosen = (port ?? env.PORT ?? "").trim() || String(DEFAULT_DEV_PORT);
  const parsed = Number(chosen);
  if (!/^\d+$/.test(chosen) || parsed < 1 || parsed > 65_535) throw new Error(`--port/PORT must be a port number (1-65535), got "${chosen}"`);
  return { port: parsed, rest };
}
