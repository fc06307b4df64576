import { createExecutionContext, env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/app.ts";
import { createRoom } from "./support/room-api.ts";

/** The app with a changed configuration, as an operator's vars would give it (same runtime, same bindings). */
function withConfig(vars: Record<string, string>, request: Request): Promise<Response> {
  return Promise.resolve(app.fetch(request, { ...env, ...vars }, createExecutionContext()));
}

/** A body that arrives in pieces with no Content-Length, as a chunked upload does; `sent()` counts what was taken. */
function streamOf(bytes: number, chunk = 1024): ReadableStream<Uint8Array> & { sent(): number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const piece = new Uint8Array(Math.min(chunk, bytes - sent)).fill(0x20);
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
  return Object.assign(stream, { sent: () => sent });
}

function character(padding = 0) {
  return JSON.stringify({ name: "Aria Vell", class: "ranger", note: " ".repeat(padding) });
}

describe("HTTP hygiene on API answers", () => {
  it("sends security headers and Cache-Control: no-store on answers, errors and 404s", async () => {
    const answers = [
      await SELF.fetch("http://example.com/api/health"),
      await SELF.fetch(`http://example.com/api/rooms/${await createRoom("hygiene")}`),
      await SELF.fetch("http://example.com/api/rooms/bad!code"),
      await SELF.fetch("http://example.com/api/characters"),
      await SELF.fetch("http://example.com/api/nope"),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 400, 401, 404]);
    for (const response of answers) {
      const h = response.headers;
      expect(h.get("cache-control"), response.url).toBe("no-store");
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("referrer-policy")).toBe("no-referrer");
      expect(h.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      expect(h.get("content-type")).toMatch(/^application\/json/);
      await response.body?.cancel();
    }
  });

  it("sends no CORS headers by default, even to a cross-origin preflight", async () => {
    const simple = await SELF.fetch("http://example.com/api/health", { headers: { Origin: "https://evil.example" } });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await SELF.fetch("http://example.com/api/characters", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-methods")).toBeNull();
    await Promise.all([simple.body?.cancel(), preflight.body?.cancel()]);
  });

  it("allows exactly the origins in CORS_ORIGINS", async () => {
    const config = { CORS_ORIGINS: " https://play.example.com , https://admin.example.com" };
    const allowed = await withConfig(config, new Request("http://example.com/api/health", { headers: { Origin: "https://play.example.com" } }));
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://play.example.com");
    expect(allowed.headers.get("vary")).toContain("Origin");
    expect(allowed.headers.get("cache-control")).toBe("no-store");

    const preflight = await withConfig(
      config,
      new Request("http://example.com/api/characters", {
        method: "OPTIONS",
        headers: { Origin: "https://admin.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PATCH");

    const other = await withConfig(config, new Request("http://example.com/api/health", { headers: { Origin: "https://evil.example" } }));
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    await Promise.all([allowed, preflight, other].map((r) => r.body?.cancel()));
  });
});

describe("request body limit (4 KiB)", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    SELF.fetch("http://example.com/api/characters", {
      method: "POST",
      headers: { "X-Player-Id": `body-${crypto.randomUUID().slice(0, 8)}`, "Content-Type": "application/json", ...headers },
      body,
    });

  it("accepts a body within the limit", async () => {
    const response = await post(character(100));
    expect(response.status).toBe(201);
    await response.body?.cancel();
  });

  it("refuses a declared length over the limit with 413 JSON", async () => {
    const response = await post(character(5000));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "body_too_large", message: "request bodies are limited to 4 KiB" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a streamed body with no Content-Length once it passes the limit", async () => {
    const response = await post(streamOf(64 * 1024));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "body_too_large" });
  });

  // A client still writing when the 413 comes needs its body taken: a worker that cancels it resets the connection,
  // and the client (Node's, for one) then sees ECONNRESET instead of the answer.
  it("reads and drops the rest of a refused streamed body before answering", async () => {
    const body = streamOf(64 * 1024);
    const response = await post(body);
    expect(response.status).toBe(413);
    expect(body.sent()).toBe(64 * 1024);
    await response.body?.cancel();
  });

  it("counts the bytes that arrive, not the Content-Length that was claimed", async () => {
    const response = await post(streamOf(64 * 1024), { "Content-Length": "100" });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "body_too_large" });
  });
});
