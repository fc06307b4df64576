/**
 * How the worker knows who a request is from. Read from the environment once per request (cheap), so a
 * `.dev.vars` change applies on the next reload. Authentication fails closed: a deployment is in exactly one of
 *
 * - `clerk-jwt-key`: Clerk session tokens verified offline against CLERK_JWT_KEY (a PEM public key).
 * - `clerk-secret-key`: verified with CLERK_SECRET_KEY (the keys come from Clerk's JWKS, fetched at most once a minute
 *   per isolate; CLERK_API_URL, optional, points that fetch at another Backend API, e.g. a test's server).
 * - `dev`: chosen explicitly with AUTH_MODE=dev (and no Clerk key). The client says who it is (`playerId`); fine on
 *   a laptop, never in production, and the worker says so in logs and in /api/health.
 * - `unconfigured`: anything else (no Clerk key and no AUTH_MODE=dev, or a Clerk key without
 *   CLERK_AUTHORIZED_PARTIES). Every API and socket request is answered 503 `not_configured` naming what is missing,
 *   so a mistyped or forgotten secret never silently becomes "trust whoever the client says it is".
 *
 * Blank or whitespace-only values count as missing. When AUTH_MODE=dev and a Clerk key are both set, Clerk wins
 * (the safer reading: a key was configured on purpose, while AUTH_MODE=dev may be a leftover) and the worker logs
 * that it ignored AUTH_MODE.
 */
export type AuthMode = ClerkConfig["mode"] | "dev" | "unconfigured";

export type ClerkConfig = ClerkJwtKeyConfig | ClerkSecretKeyConfig;

interface ClerkCommon {
  /** Origins allowed as the token's `azp`; never empty in Clerk mode. */
  authorizedParties: string[];
}

export interface ClerkJwtKeyConfig extends ClerkCommon {
  mode: "clerk-jwt-key";
  jwtKey: string;
}

export interface ClerkSecretKeyConfig extends ClerkCommon {
  mode: "clerk-secret-key";
  secretKey: string;
  /** Clerk's Backend API base URL (CLERK_API_URL); @clerk/backend's default, https://api.clerk.com, when unset. */
  apiUrl?: string;
}

export interface DevConfig {
  mode: "dev";
}

export interface UnconfiguredConfig {
  mode: "unconfigured";
  /** The variables (or choices) that are missing, e.g. `CLERK_AUTHORIZED_PARTIES`. */
  missing: string[];
  /** One sentence an operator can act on. */
  message: string;
}

export type AuthConfig = ClerkConfig | DevConfig | UnconfiguredConfig;

/** The auth settings; declared here because wrangler types only sees [vars], not secrets or `--var`s. */
export interface AuthEnv {
  AUTH_MODE?: string;
  CLERK_JWT_KEY?: string;
  CLERK_SECRET_KEY?: string;
  CLERK_AUTHORIZED_PARTIES?: string;
  CLERK_API_URL?: string;
}

const CLERK_KEY = "CLERK_JWT_KEY or CLERK_SECRET_KEY";
const PARTIES = "CLERK_AUTHORIZED_PARTIES";
const API_URL = "CLERK_API_URL";

export function readAuthConfig(bindings: Env): AuthConfig {
  const env: AuthEnv = bindings as Env & AuthEnv;
  const devChosen = nonBlank(env.AUTH_MODE)?.toLowerCase() === "dev";
  const jwtKey = nonBlank(env.CLERK_JWT_KEY)?.replaceAll("\\n", "\n");
  const secretKey = nonBlank(env.CLERK_SECRET_KEY);
  if (jwtKey === undefined && secretKey === undefined) {
    if (devChosen) return { mode: "dev" };
    return unconfigured(
      [CLERK_KEY, ...(parties(env).length === 0 ? [PARTIES] : [])],
      `authentication is not configured: set ${CLERK_KEY} and ${PARTIES} (production), or AUTH_MODE=dev (local development only)`,
    );
  }
  const authorizedParties = parties(env);
  if (authorizedParties.length === 0) {
    return unconfigured([PARTIES], `Clerk is configured but ${PARTIES} is not: set it to the page's origin(s), comma-separated`);
  }
  if (devChosen) warnOnce("clerk-wins", "[auth] AUTH_MODE=dev is ignored because a Clerk key is set: tokens are verified.");
  if (jwtKey !== undefined) return { mode: "clerk-jwt-key", jwtKey, authorizedParties };
  const apiUrl = nonBlank(env.CLERK_API_URL);
  if (apiUrl !== undefined && !isHttpUrl(apiUrl)) {
    return unconfigured([API_URL], `${API_URL} must be an http(s) URL such as https://api.clerk.com (or unset)`);
  }
  return { mode: "clerk-secret-key", secretKey: secretKey!, authorizedParties, ...(apiUrl !== undefined ? { apiUrl } : {}) };
}

export function isClerk(config: AuthConfig): config is ClerkConfig {
  return config.mode === "clerk-jwt-key" || config.mode === "clerk-secret-key";
}

/** Logs, once per isolate, that identities are not being verified (dev) or cannot be (unconfigured). */
export function warnIfDevMode(config: AuthConfig): void {
  if (config.mode === "dev") {
    warnOnce(
      "dev",
      "[auth] DEV MODE (AUTH_MODE=dev): client-supplied player ids are trusted. Never deploy this; configure Clerk (see README).",
    );
  } else if (config.mode === "unconfigured") {
    warnOnce(`unconfigured:${config.message}`, `[auth] NOT CONFIGURED, answering 503: ${config.message}`);
  }
}

function parties(env: AuthEnv): string[] {
  return (env.CLERK_AUTHORIZED_PARTIES ?? "")
    .split(",")
    .map((party) => party.trim())
    .filter((party) => party.length > 0);
}

function unconfigured(missing: string[], message: string): UnconfiguredConfig {
  return { mode: "unconfigured", missing, message };
}

const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(message);
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
