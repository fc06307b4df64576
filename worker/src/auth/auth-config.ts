/**
 * How the worker knows who a request is from. Read from the environment once per request (cheap), so a
 * `.dev.vars` change applies on the next reload.
 *
 * - `dev`: no Clerk configuration at all. The client says who it is (`playerId`); fine on a laptop, never in
 *   production, and the worker says so in logs and in /api/health.
 * - `clerk-jwt-key`: Clerk session tokens verified offline against CLERK_JWT_KEY (a PEM public key).
 * - `clerk-secret-key`: verified with CLERK_SECRET_KEY (Clerk's JWKS is fetched and cached by @clerk/backend).
 */
export type AuthMode = "dev" | "clerk-jwt-key" | "clerk-secret-key";

export interface AuthConfig {
  mode: AuthMode;
  jwtKey?: string;
  secretKey?: string;
  /** Origins allowed as the token's `azp`; empty = not enforced. */
  authorizedParties: string[];
}

/** The optional Clerk settings; declared here because wrangler types only sees [vars], not secrets. */
export interface AuthEnv {
  CLERK_JWT_KEY?: string;
  CLERK_SECRET_KEY?: string;
  CLERK_AUTHORIZED_PARTIES?: string;
}

export function readAuthConfig(bindings: Env): AuthConfig {
  const env: AuthEnv = bindings as Env & AuthEnv;
  const authorizedParties = (env.CLERK_AUTHORIZED_PARTIES ?? "")
    .split(",")
    .map((party) => party.trim())
    .filter((party) => party.length > 0);
  const jwtKey = nonEmpty(env.CLERK_JWT_KEY)?.replaceAll("\\n", "\n");
  if (jwtKey) return { mode: "clerk-jwt-key", jwtKey, authorizedParties };
  const secretKey = nonEmpty(env.CLERK_SECRET_KEY);
  if (secretKey) return { mode: "clerk-secret-key", secretKey, authorizedParties };
  return { mode: "dev", authorizedParties };
}

let warnedAboutDevMode = false;

/** Logs, once per isolate, that identities are not being verified. */
export function warnIfDevMode(config: AuthConfig): void {
  if (config.mode !== "dev" || warnedAboutDevMode) return;
  warnedAboutDevMode = true;
  console.warn(
    "[auth] DEV MODE: no CLERK_JWT_KEY or CLERK_SECRET_KEY is set, so client-supplied player ids are trusted. " +
      "Set one of them (see README) before exposing this worker to anyone.",
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
