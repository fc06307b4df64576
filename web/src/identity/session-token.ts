/**
 * When a session token (a JWT) expires, read from its payload's `exp`, in ms since the epoch. The page does not
 * verify the token (the server does); it only needs to know when to send a fresh one. Undefined when the token
 * is not a JWT with a numeric `exp`.
 */
export function tokenExpiresAt(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
