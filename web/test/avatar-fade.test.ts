// Avatars entering and leaving your view (the room's interest radius) fade instead of popping: the view the renderer
// draws, frame by frame, as GameSession writes it (syncWorldView), with the room's roster deciding "left the view"
// (still on the roster: fade out) from "left the room" (gone at once).
import { describe, expect, it } from "vitest";
import type { Kinematics } from "../src/net/kinematics.ts";
import type { PresenceInfo } from "../src/net/presence.ts";
import { AVATAR_FADE_MS, fadingAvatars } from "../src/render/avatar-fade.ts";
import { createWorldView } from "../src/render/world-view.ts";
import { syncWorldView, type SelfDrawing } from "../src/room/world-view-sync.ts";

const SELF = "1";
const client: SelfDrawing = {
  selfEntityId: SELF,
  selfPosition: () => false,
  predictor: { latest: { x: 0, y: 0, vx: 0, vy: 0 } } as SelfDrawing["predictor"],
};

function player(entityId: string, name: string): PresenceInfo {
  return { entityId, playerId: `p${entityId}`, name, connected: true, color: "#336699", kind: "player", species: undefined, characterClass: undefined };
}

/** A room you see from entity 1, drawn at the times the test gives. */
function room() {
  const view = createWorldView(256);
  const sampled = new Map<string, Kinematics>();
  const roster = new Map<string, PresenceInfo>([[SELF, player(SELF, "Me")]]);
  const draw = (now: number) => syncWorldView(view, sampled, client, 0, roster, now);
  const opacity = (id: string) => (view.avatars.get(id) ?? view.leaving.get(id))?.opacity;
  /** Ann (entity 7) on the roster and drawn at (x, y) from t = 0, whole by t = 1000; then her body stops coming. */
  const annSeenThenGone = (x: number, y: number, goneAt: number) => {
    roster.set("7", player("7", "Ann"));
    sampled.set("7", { x, y, vx: 0, vy: 0 });
    draw(0);
    draw(1000);
    sampled.delete("7");
    draw(goneAt);
  };
  return { view, sampled, roster, draw, opacity, annSeenThenGone };
}

describe("avatars fading at the edge of your view", () => {
  it("a player who walks into your view fades in over ~300 ms; your own avatar never fades", () => {
    const { view, sampled, roster, draw, opacity } = room();
    sampled.set(SELF, { x: 0, y: 0, vx: 0, vy: 0 });
    draw(1000);
    expect(opacity(SELF)).toBe(1);
    roster.set("7", player("7", "Ann"));
    sampled.set("7", { x: 60, y: 0, vx: -3, vy: 0 });
    draw(2000);
    expect(opacity("7")).toBe(0);
    draw(2000 + AVATAR_FADE_MS / 2);
    expect(opacity("7")).toBeCloseTo(0.5);
    expect(fadingAvatars(view)).toEqual([{ id: "7", name: "Ann", direction: "in", opacity: 0.5 }]);
    draw(2000 + AVATAR_FADE_MS);
    expect(opacity("7")).toBe(1);
    expect(fadingAvatars(view)).toEqual([]);
  });

  it("a player who leaves your view but not the room fades out where it was last drawn, then is gone", () => {
    const { view, sampled, roster, draw, opacity, annSeenThenGone } = room();
    sampled.set(SELF, { x: 0, y: 0, vx: 0, vy: 0 });
    // The room stops sending her body (beyond the radius) at 1100; the roster still has Ann.
    annSeenThenGone(71, 2, 1100);
    expect(view.avatars.has("7")).toBe(false);
    expect(view.leaving.get("7")).toMatchObject({ x: 71, y: 2, opacity: 1 });
    expect(fadingAvatars(view)).toEqual([{ id: "7", name: "Ann", direction: "out", opacity: 1 }]);
    draw(1100 + AVATAR_FADE_MS * 0.25);
    expect(opacity("7")).toBeCloseTo(0.75);
    draw(1100 + AVATAR_FADE_MS);
    expect(opacity("7")).toBeUndefined();
    expect(fadingAvatars(view)).toEqual([]);
    // Still on the roster: the player list keeps Ann.
    expect(roster.has("7")).toBe(true);
  });

  it("one who comes back while fading out fades in again from where it was, not from nothing", () => {
    const { view, sampled, draw, opacity, annSeenThenGone } = room();
    annSeenThenGone(70, 0, 1000);
    draw(1000 + AVATAR_FADE_MS * 0.4);
    expect(opacity("7")).toBeCloseTo(0.6);
    sampled.set("7", { x: 69, y: 0, vx: 0, vy: 0 });
    draw(1000 + AVATAR_FADE_MS * 0.4);
    expect(view.leaving.has("7")).toBe(false);
    expect(opacity("7")).toBeCloseTo(0.6);
    draw(1000 + AVATAR_FADE_MS * 0.6);
    expect(opacity("7")).toBeCloseTo(0.8);
  });

  it("a player who leaves the room (roster entry gone) disappears at once, as before", () => {
    const { view, sampled, roster, draw } = room();
    roster.set("7", player("7", "Ann"));
    sampled.set("7", { x: 5, y: 0, vx: 0, vy: 0 });
    draw(0);
    draw(1000);
    sampled.delete("7");
    roster.delete("7");
    draw(1050);
    expect(view.avatars.has("7")).toBe(false);
    expect(view.leaving.has("7")).toBe(false);
    expect(fadingAvatars(view)).toEqual([]);
  });

  it("a ghost fading out is dropped at once if its player then leaves the room", () => {
    const { view, roster, draw, annSeenThenGone } = room();
    annSeenThenGone(70, 0, 1010);
    expect(view.leaving.has("7")).toBe(true);
    roster.delete("7");
    draw(1020);
    expect(view.leaving.has("7")).toBe(false);
  });
});
