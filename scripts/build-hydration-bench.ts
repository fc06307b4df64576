/**
 * Cold hydration of a room's structures: how long a room takes at start-up to read 10,000 structures from its
 * SQLite, rebuild the build rules' maps and put the tiles into a fresh sim (the issue's target: ≤ 50 ms).
 *
 *   flock /tmp/edgehold-ports.lock npx tsx scripts/build-hydration-bench.ts [--structures 10000] [--runs 7] [--port 8785]
 *
 * Starts its own `wrangler dev` with a tiny bench worker (worker/bench/build-hydration-worker.ts) whose Durable
 * Object holds the real `structures` table and runs the real worker modules. It seeds the table once, then for each
 * run restarts the object (ctx.abort: the next request gets a fresh instance with nothing in memory) and hydrates.
 * Prints the time measured inside the object (sim instantiation excluded: a room makes its sim anyway) and, because workerd's clock may only advance at I/O, the request
 * time of a hydrate minus that of a no-op request to the same fresh-started object. Needs sim.wasm built.
 */
import { parseArgs } from "./lib/args.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";

const args = parseArgs(process.argv.slice(2), { structures: "10000", runs: "7", port: "8785" });
const structures = Number(args.structures);
const runs = Number(args.runs);

const server = await WranglerDev.start({ port: Number(args.port), config: "worker/bench/build-hydration.wrangler.toml" });
try {
  const call = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as Record<string, number>;
    return { ms: performance.now() - started, body };
  };
  console.log((await call(`/seed?n=${structures}`)).body);
  const inside: number[] = [];
  const parts: Record<string, number[]> = { simMs: [], readMs: [], rulesMs: [], mirrorMs: [] };
  const outside: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await call("/restart").catch(() => undefined);
    const noop = await call("/noop");
    await call("/restart").catch(() => undefined);
    await call("/noop-start").catch(() => undefined);
    const hydrate = await call("/hydrate");
    if (hydrate.body.structures !== structures) throw new Error(`hydrated ${hydrate.body.structures} of ${structures}`);
    // The first run warms wrangler's module cache; it is not counted.
    if (run === 0) continue;
    inside.push(hydrate.body.insideMs!);
    for (const key of Object.keys(parts)) parts[key]!.push(hydrate.body[key]!);
    outside.push(hydrate.ms - noop.ms);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`\ncold hydration of ${structures.toLocaleString("en-US")} structures (read rows + rules' maps + sim tiles), ${runs} runs:`);
  console.table({
    "inside the object (performance.now)": { medianMs: median(inside).toFixed(2), maxMs: Math.max(...inside).toFixed(2) },
    "request time − no-op request time": { medianMs: median(outside).toFixed(2), maxMs: Math.max(...outside).toFixed(2) },
    "  of which: read rows (SELECT)": { medianMs: median(parts.readMs!).toFixed(2), maxMs: Math.max(...parts.readMs!).toFixed(2) },
    "  of which: rules' maps": { medianMs: median(parts.rulesMs!).toFixed(2), maxMs: Math.max(...parts.rulesMs!).toFixed(2) },
    "  of which: sim tiles": { medianMs: median(parts.mirrorMs!).toFixed(2), maxMs: Math.max(...parts.mirrorMs!).toFixed(2) },
    "(not counted: sim instantiation)": { medianMs: median(parts.simMs!).toFixed(2), maxMs: Math.max(...parts.simMs!).toFixed(2) },
  });
  console.log("target: ≤ 50 ms");
} finally {
  await server.stop();
}
process.exit(0);
