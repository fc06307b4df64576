import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { freshRoom } from "../support/test-client.ts";
import { mintToken, tamper } from "./mint-token.ts";

function roomInfo(room: string, token?: string) {
  return SELF.fetch(`http://example.com/api/rooms/${room}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

describe("GET /api/rooms/:code in Clerk mode", () => {
  it("answers a signed-in player", async () => {
    const room = freshRoom("info-ok");
    const response = await roomInfo(room, await mintToken({ sub: "user_room_info" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: room.toLowerCase(), playersOnline: 0 });
  });

  it("refuses with 401 JSON without a token, with a bad one and with an expired one", async () => {
    const room = freshRoom("info-no");
    const good = await mintToken({ sub: "user_room_info" });
    for (const token of [undefined, "not-a-jwt", tamper(good), await mintToken({ expiresIn: -120 }), await mintToken({}, { wrongKey: true })]) {
      const response = await roomInfo(room, token);
      expect(response.status, String(token)).toBe(401);
      expect(await response.json()).toMatchObject({ error: "unauthorized" });
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });
});
