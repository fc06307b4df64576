import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { createServer, type Server } from "node:http";
import { signJwt } from "@clerk/backend/jwt";

export interface TestKey {
  kid: string;
  /** Signs tokens (PKCS#8 PEM). */
  privatePem: string;
  /** What a JWKS serves. */
  publicJwk: JsonWebKey;
}

/** A fresh 2048-bit RS256 key, the kind Clerk signs session tokens with. */
export function rsaKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicJwk: publicKey.export({ format: "jwk" }) };
}

/** A session token as Clerk mints one (RS256, the key's `kid` in the header), signed by `key`. */
export async function sessionToken(key: Pick<TestKey, "kid" | "privatePem">, claims: { sub?: string; azp: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: claims.sub ?? "user_test", sid: "sess_test", azp: claims.azp, iss: "https://clerk.example.com", nbf: now - 5, exp: now + 60 };
  return signJwt(payload, key.privatePem, { algorithm: "RS256", header: { typ: "JWT", kid: key.kid } });
}

/**
 * Clerk's Backend API as far as the worker uses it, on loopback: `GET /v1/jwks` with the secret key answers the
 * JWKS of `keys` (or `failWith`, when set, as Clerk's API does when it is down). It counts the JWKS requests:
 * what a flood of forged tokens must not drive up.
 */
export class FakeClerkApi {
  jwksFetches = 0;
  keys: TestKey[];
  failWith: number | undefined;
  /** How long the JWKS answer takes (Clerk's API is not instant; a test can make a fetch still under way). */
  delayMs = 0;
  private readonly server: Server;

  constructor(
    readonly secretKey: string,
    keys: TestKey[],
  ) {
    this.keys = keys;
    this.server = createServer((req, res) => {
      const authorized = req.headers.authorization === `Bearer ${this.secretKey}`;
      const isJwks = req.method === "GET" && req.url === "/v1/jwks";
      if (isJwks) this.jwksFetches++;
      const status = !authorized ? 401 : !isJwks ? 404 : (this.failWith ?? 200);
      const body = status === 200 ? { keys: this.keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: "RS256", use: "sig" })) } : { errors: [{ code: "unavailable", message: `status ${status}` }] };
      setTimeout(() => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body)), this.delayMs);
    });
  }

  /** Listens on a free loopback port; resolves to the base URL (CLERK_API_URL). */
  listen(): Promise<string> {
    return new Promise((resolve) =>
      this.server.listen(0, "127.0.0.1", () => {
        const address = this.server.address();
        resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
      }),
    );
  }

  /** Stops, cutting any answer still delayed. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
