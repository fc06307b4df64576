/**
 * `npm run dev`: build the page and sim.wasm, then serve everything from `wrangler dev` on 127.0.0.1.
 *
 *   npm run dev                    # http://127.0.0.1:8787
 *   npm run dev -- --port 9000     # or PORT=9000 npm run dev
 *   EDGEHOLD_SKIP_BUILD=1 npm run dev   # reuse the last build (tests; quick restarts)
 *
 * Every other argument goes to `wrangler dev` unchanged (e.g. `-- --persist-to .state`). Dev mode is chosen here,
 * explicitly (`AUTH_MODE=dev`: the worker trusts the page's player id); a deployed worker never falls into it. The
 * admin API answers the local dev token (scripts/lib/dev-admin-token.ts), printed at start.
 * Ctrl-C (SIGINT) or SIGTERM stops wrangler, which exits with its own code.
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { DEV_ADMIN_TOKEN } from "./lib/dev-admin-token.ts";
import { devArgs } from "./lib/dev-args.ts";
import { REPO_ROOT } from "./lib/wrangler-dev.ts";

let options: ReturnType<typeof devArgs>;
try {
  options = devArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (process.env.EDGEHOLD_SKIP_BUILD !== "1") {
  const build = spawnSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The real binary, not npx: a signal sent to this process reaches wrangler itself.
const wrangler = join(REPO_ROOT, "node_modules", ".bin", "wrangler");
const args = ["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--var", "AUTH_MODE:dev", "--var", `ADMIN_TOKEN:${DEV_ADMIN_TOKEN}`, ...options.rest];
console.log(`[dev] monitor: http://127.0.0.1:${options.port}/admin  (admin token: ${DEV_ADMIN_TOKEN}; the API takes it as Authorization: Bearer)`);
const child = spawn(wrangler, args, { cwd: REPO_ROOT, stdio: "inherit" });
// Ctrl-C in a terminal signals the whole process group (wrangler too); a signal sent to this process alone
// (a test, a process manager) is passed on so wrangler still shuts down cleanly.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1)));
