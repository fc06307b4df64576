import { env } from "cloudflare:test";

export interface TokenClaims {
  sub?: string;
  azp?: string;
  /** The session id; `null` mints a token without one. */
  sid?: string | null;
  /** Seconds from now; negative = already expired. */
  expiresIn?: number;
  /** Seconds ago for `iat` and `nbf`; negative = in the future. */
  issuedAgo?: number;
}

type TestBindings = { TEST_SIGNING_KEY: string; TEST_WRONG_SIGNING_KEY: string };

/** Mints an RS256 session token the way Clerk does, signed by the bound test key (or the wrong one). */
export async function mintToken(claims: TokenClaims = {}, options: { wrongKey?: boolean } = {}): Promise<string> {
  const bindings = env as unknown as TestBindings;
  const pem = options.wrongKey ? bindings.TEST_WRONG_SIGNING_KEY : bindings.TEST_SIGNING_KEY;
  const key = await crypto.subtle.importKey("pkcs8", pemBody(pem), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  const now = Math.floor(Date.now() / 1000);
  const sid = claims.sid === undefined ? "sess_test" : claims.sid;
  const payload = {
    sub: claims.sub ?? "user_alice",
    azp: claims.azp ?? "https://play.example.com",
    iss: "https://clerk.example.com",
    ...(sid === null ? {} : { sid }),
    iat: now - (claims.issuedAgo ?? 5),
    nbf: now - (claims.issuedAgo ?? 5),
    exp: now + (claims.expiresIn ?? 60),
  };
  const header = { alg: "RS256", typ: "JWT", kid: "ins_test" };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}

/** Flips a character in the payload so the signature no longer matches. */
export function tamper(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const json = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/"))) as Record<string, unknown>;
  json.sub = "user_mallory";
  return `${header}.${base64Url(JSON.stringify(json))}.${signature}`;
}

function pemBody(pem: string): ArrayBuffer {
  const base64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
}

function base64Url(data: string | Uint8Array): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
