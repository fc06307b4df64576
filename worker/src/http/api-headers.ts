import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * The API answers JSON only: nothing in it may load, run or be framed (CSP `default-src 'none'`, DENY), plus
 * hono's standard set (nosniff, HSTS, same-origin CORP/COOP, no referrer).
 */
const apiSecureHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: "DENY",
});

/**
 * Security headers and `Cache-Control: no-store` on every API answer, errors and 404s included: room counts and
 * characters are live, per-user data no cache (browser, proxy, CDN) may keep or hand to someone else. A 101
 * (WebSocket accepted) is left alone: it carries no document, and the room's response headers are immutable.
 */
export const apiHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 101) return;
  // c.header on a finished response copies it first, so responses with immutable headers are safe to decorate.
  c.header("Cache-Control", "no-store");
  await apiSecureHeaders(c, async () => {});
};
