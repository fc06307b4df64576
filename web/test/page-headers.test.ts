import { describe, expect, it } from "vitest";
import { clerkFrontendApiOrigin, contentSecurityPolicy, pageHeadersFile } from "../headers/page-headers.ts";

/** A publishable key the way Clerk makes one: the prefix, then base64 of `<frontend-api-host>$`. */
const KEY = `pk_test_${btoa("quiet-otter-12.clerk.accounts.dev$")}`;

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split("; ").map((d) => { const [name, ...sources] = d.split(" "); return [name!, sources]; }));
}

describe("the page's security headers (_headers)", () => {
  it("allow the page's own scripts, wasm and sockets and nothing from elsewhere, and forbid framing", () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/clerk|'unsafe-inline'|'unsafe-eval'/);
    const file = pageHeadersFile();
    expect(file).toMatch(/^\/\*$/m);
    expect(file).toContain("  X-Content-Type-Options: nosniff");
    expect(file).toContain("  Referrer-Policy: strict-origin-when-cross-origin");
    expect(file).toContain("  X-Frame-Options: DENY");
  });

  it("adds Clerk's origins only when built with a publishable key", () => {
    expect(clerkFrontendApiOrigin(KEY)).toBe("https://quiet-otter-12.clerk.accounts.dev");
    expect(clerkFrontendApiOrigin(`pk_live_${btoa("clerk.play.example.com$")}`)).toBe("https://clerk.play.example.com");
    const csp = directives(contentSecurityPolicy(KEY));
    expect(csp.get("script-src")).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'", "https://quiet-otter-12.clerk.accounts.dev", "https://challenges.cloudflare.com"]));
    expect(csp.get("connect-src")).toEqual(expect.arrayContaining(["'self'", "https://quiet-otter-12.clerk.accounts.dev"]));
    expect(csp.get("img-src")).toContain("https://img.clerk.com");
    expect(csp.get("style-src")).toContain("'unsafe-inline'");
    expect(csp.get("frame-src")).toContain("https://challenges.cloudflare.com");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(contentSecurityPolicy("  ")).toBe(contentSecurityPolicy());
  });

  it("fails the build on a key that is not a publishable key", () => {
    for (const bad of ["sk_test_abc", "pk_test_", `pk_test_${btoa("no-dollar.example.com")}`, "pk_test_!!!"]) {
      expect(() => contentSecurityPolicy(bad), bad).toThrow(/not a Clerk publishable key/);
    }
  });
});
