import { describe, expect, it } from "vitest";
import { ErrorCode, MAX_SESSION_TOKEN_LENGTH, parseEnvelope } from "../src/index.ts";

const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
const refresh = (payload: unknown) => parseEnvelope({ v: 2, kind: "command", seq: 7, feature: "session", action: "refresh", payload });

describe("session.refresh", () => {
  it("accepts a JWT-shaped token", () => {
    expect(refresh({ token: jwt })).toEqual({
      ok: true,
      message: { v: 2, kind: "command", seq: 7, feature: "session", action: "refresh", payload: { token: jwt } },
    });
  });

  it.each([
    ["no payload", undefined],
    ["no token", {}],
    ["a number", { token: 42 }],
    ["an empty token", { token: "" }],
    ["not a JWT", { token: "not-a-jwt" }],
    ["control bytes", { token: `${jwt}\r\n` }],
    ["a token over the limit", { token: `${"a".repeat(MAX_SESSION_TOKEN_LENGTH)}.b.c` }],
  ])("rejects %s with invalid_payload and the seq", (_what, payload) => {
    expect(refresh(payload)).toMatchObject({ ok: false, code: ErrorCode.invalidPayload, seq: 7 });
  });
});
