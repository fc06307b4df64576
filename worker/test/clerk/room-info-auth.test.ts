import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { freshRoom } from "../support/test-client.ts";
import { mintToken, tamper } from "./mint-token.ts";

function roomInfo(room: string, token?: string) {
  return SELF.fetch(`http://example.com/api/rooms/${room}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

describe("GET /api/rooms/:code in Clerk mode", () => {
  it("answers a signed-in player (404 room_not_found for a code never created or joined)", async () => {
    const token = await mintToken({ sub: "user_room_info" });
    const created = await SELF.fetch("http://example.com/api/rooms", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    expect(created.status).toBe(201);
    const { code, owner } = (await created.json()) as { code: string; owner: string };
    expect(owner).toBe("user_room_info");
    const response = await roomInfo(code, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code, owner: "user_room_info", players: 0 });
    expect((await roomInfo(freshRoom("info-none"), token)).status).toBe(404);
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
