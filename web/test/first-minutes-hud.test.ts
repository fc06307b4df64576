import { describe, expect, it } from "vitest";
import { BuildRejectReason, StructureKind } from "@edgehold/protocol";
import { CONTROLS, controlsHintWanted, rememberControlsHintSeen } from "../src/hud/controls.ts";
import { FRAME_SETTLE_MS, SettledFrames, shownRtt } from "../src/hud/settling.ts";
import { FollowNewest } from "../src/features/chat/follow-newest.ts";
import { createBuildBarStore, publishIfChanged } from "../src/features/build/build-bar-state.ts";
import { MemoryStorage } from "./support/memory-storage.ts";

describe("the HUD's first second", () => {
  it("shows no RTT until three pongs were measured", () => {
    expect(shownRtt(undefined, 0)).toBeUndefined();
    expect(shownRtt(412, 1)).toBeUndefined();
    expect(shownRtt(180, 2)).toBeUndefined();
    expect(shownRtt(41, 3)).toBe(41);
  });

  it("reads no frame times in the first second, then only frames drawn after it", () => {
    const settled = new SettledFrames(1000);
    expect(settled.samplesToRead(1000 + FRAME_SETTLE_MS - 1, 50, 240)).toBeUndefined();
    // The second ends with 60 frames drawn: none of them counts, the next ones do.
    expect(settled.samplesToRead(1000 + FRAME_SETTLE_MS, 60, 240)).toBeUndefined();
    expect(settled.samplesToRead(1000 + FRAME_SETTLE_MS + 100, 66, 240)).toBe(6);
    expect(settled.samplesToRead(9000, 60 + 500, 240)).toBe(240);
  });
});

describe("the chat panel follows the newest line", () => {
  const bottom = { scrollHeight: 500, clientHeight: 190, scrollTop: 310 };
  /** A panel showing lines up to `newest`, scrolled to `scrollTop` (310: the bottom). */
  const panelAt = (scrollTop: number, newest = "m1") => {
    const follow = new FollowNewest();
    follow.onLinesChanged(newest);
    follow.onScroll({ ...bottom, scrollTop });
    return follow;
  };

  it("follows new lines, even a tall answer, and stays at the bottom when the panel grows, while the player is there", () => {
    const follow = panelAt(bottom.scrollTop);
    // Typing makes the panel taller: the panel asks again with the same newest line, and stays at the bottom.
    expect(follow.onLinesChanged("m1")).toBe(true);
    // A /who answer of 20 names added 400 px below: still followed (the old rule measured after adding and lost it).
    expect(follow.onLinesChanged("s1")).toBe(true);
    expect(follow.unseen).toBe(false);
  });

  it("stays put and raises the pill while the player reads above; back at the bottom the pill goes", () => {
    const follow = panelAt(100);
    expect(follow.onLinesChanged("m2")).toBe(false);
    expect(follow.unseen).toBe(true);
    follow.onScroll(bottom);
    expect(follow.unseen).toBe(false);
    expect(follow.onLinesChanged("m3")).toBe(true);
  });

  it("raises no pill when the player starts typing (the panel grows) or older history comes in above", () => {
    const follow = panelAt(100, "m7");
    // Typing resizes the panel, and a reconnect's history puts older lines in above the newest: the same newest
    // line each time, nothing new to see below.
    expect(follow.onLinesChanged("m7")).toBe(false);
    expect(follow.onLinesChanged("m7")).toBe(false);
    expect(follow.unseen).toBe(false);
    // A line said meanwhile is new.
    follow.onLinesChanged("m8");
    expect(follow.unseen).toBe(true);
  });

  it("jumps to the newest on the pill or on sending a line", () => {
    const follow = panelAt(0);
    follow.onLinesChanged("m2");
    follow.jumpToNewest();
    expect(follow.unseen).toBe(false);
    expect(follow.onLinesChanged("m3")).toBe(true);
  });
});

describe("the controls hint", () => {
  it("shows on the first visit only, once dismissed", () => {
    const storage = new MemoryStorage();
    expect(controlsHintWanted(storage)).toBe(true);
    rememberControlsHintSeen(storage);
    expect(controlsHintWanted(storage)).toBe(false);
  });

  it("shows when storage is unavailable, and dismissing it there does not throw", () => {
    const blocked = { getItem: () => { throw new Error("blocked"); }, setItem: () => { throw new Error("blocked"); } };
    expect(controlsHintWanted(blocked)).toBe(true);
    expect(controlsHintWanted(undefined)).toBe(true);
    expect(() => rememberControlsHintSeen(blocked)).not.toThrow();
  });

  it("lists move, fire, build, chat, emotes and the net-graph", () => {
    expect(CONTROLS.map((c) => c.action)).toEqual(["move", "fire", "build", "chat", "emotes", "net-graph"]);
  });
});

describe("the build bar", () => {
  it("publishes only when what it shows changed", () => {
    const store = createBuildBarStore();
    let publishes = 0;
    store.subscribe(() => publishes++);
    const on = { active: true, kind: StructureKind.crate, refusal: undefined };
    publishIfChanged(store, on);
    publishIfChanged(store, { ...on });
    expect(publishes).toBe(1);
    publishIfChanged(store, { ...on, refusal: BuildRejectReason.outOfReach });
    expect(publishes).toBe(2);
    expect(store.getSnapshot().refusal).toBe("out_of_reach");
  });
});

describe("the characters page's weapon facts", () => {
  it("reads each class's weapon from the sim's table, cooldown in seconds", async () => {
    const { weaponFacts } = await import("../src/characters/class-weapon-facts.ts");
    const { TICK_RATE, WEAPONS, Weapon } = await import("@edgehold/sim-core");
    expect(weaponFacts("ranger")).toEqual({ weapon: "bow", damage: WEAPONS[Weapon.arrow]!.damage, range: WEAPONS[Weapon.arrow]!.range, cooldownSeconds: WEAPONS[Weapon.arrow]!.cooldownSteps / TICK_RATE });
    expect(weaponFacts("warrior").weapon).toBe("throwing axe");
    expect(weaponFacts("mage").weapon).toBe("staff");
    expect(weaponFacts("rogue").weapon).toBe("daggers");
  });
});

describe("what an avatar holds", () => {
  it("is its class's weapon: axe, bow, staff, daggers", async () => {
    const { heldItemOf } = await import("../src/render/avatar-parts.ts");
    const { weaponOfClass } = await import("@edgehold/sim-core");
    expect(["warrior", "ranger", "mage", "rogue", undefined].map((c) => heldItemOf(weaponOfClass(c)))).toEqual(["axe", "bow", "staff", "daggers", "axe"]);
  });
});
