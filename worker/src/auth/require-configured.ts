import type { MiddlewareHandler } from "hono";
import { ErrorCode } from "@edgehold/protocol";
import { readAuthConfig, warnIfDevMode, type UnconfiguredConfig } from "./auth-config.ts";

/** The 503 body of a deployment that has neither Clerk configured nor dev mode chosen. */
export function notConfiguredBody(config: UnconfiguredConfig) {
  return { error: ErrorCode.notConfigured, message: config.message, auth: { mode: config.mode, missing: config.missing } };
}

/**
 * Fails closed: while authentication is not configured, every API request (REST and the room socket, before any
 * upgrade) is answered 503 JSON naming what is missing, instead of running in dev mode by accident.
 */
export const requireAuthConfigured: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const config = readAuthConfig(c.env);
  if (config.mode !== "unconfigured") return next();
  warnIfDevMode(config);
  return c.json(notConfiguredBody(config), 503);
};
