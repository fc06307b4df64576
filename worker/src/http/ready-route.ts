import { Hono } from "hono";
import { readAuthConfig } from "../auth/auth-config.ts";
import { directoryStub } from "../directory/directory-durable-object.ts";
import { withTimeout } from "../lib/with-timeout.ts";

/** A directory slower than this is not ready: a load balancer's probe should not hang on it. */
const DIRECTORY_TIMEOUT_MS = 2_000;

interface Check {
  ok: boolean;
  ms?: number;
  error?: string;
}

/**
 * `GET /api/ready` (ARCHITECTURE.md "Operations"): readiness, where `/api/health` is liveness. 200 when the
 * configuration is valid and the directory (which matchmaking, the public list and the operators' figures need)
 * answers; 503 naming the failing check otherwise. Mounted before the fail-closed middleware, like health.
 */
export const readyRoute = new Hono<{ Bindings: Env }>();

readyRoute.get("/", async (c) => {
  const auth = readAuthConfig(c.env);
  const config: Check = auth.mode === "unconfigured" ? { ok: false, error: auth.message } : { ok: true };
  const directory = await checkDirectory(c.env);
  const ok = config.ok && directory.ok;
  return c.json({ ok, checks: { config, directory } }, ok ? 200 : 503);
});

async function checkDirectory(env: Env): Promise<Check> {
  const started = Date.now();
  try {
    await withTimeout(directoryStub(env).ping(), DIRECTORY_TIMEOUT_MS);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}
