import { describe, expect, it } from "vitest";
import { installStaleBuildReload, RELOAD_COOLDOWN_MS } from "../src/app/stale-build-reload.ts";

function setup(storage: Pick<Storage, "getItem" | "setItem"> = memoryStorage()) {
  const target = new EventTarget();
  let clock = 1_000_000;
  const reloads: number[] = [];
  installStaleBuildReload({ target, storage, reload: () => reloads.push(clock), now: () => clock });
  const fire = () => {
    const event = new Event("vite:preloadError", { cancelable: true });
    target.dispatchEvent(event);
    return event.defaultPrevented;
  };
  return { fire, reloads, advance: (ms: number) => (clock += ms) };
}

function memoryStorage(): Pick<Storage, "getItem" | "setItem"> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe("reloading a tab left on a previous build", () => {
  it("reloads when a chunk of the old build fails to load, and swallows that error", () => {
    const { fire, reloads } = setup();
    expect(fire()).toBe(true);
    expect(reloads).toHaveLength(1);
  });

  it("does not loop: a second failure within the cooldown surfaces as an error", () => {
    const { fire, reloads, advance } = setup();
    fire();
    advance(RELOAD_COOLDOWN_MS - 1);
    expect(fire()).toBe(false);
    expect(reloads).toHaveLength(1);
    advance(1);
    expect(fire()).toBe(true);
    expect(reloads).toHaveLength(2);
  });

  it("does not reload when storage is blocked (no loop guard possible)", () => {
    const blocked = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("SecurityError"); } };
    const { fire, reloads } = setup(blocked);
    expect(fire()).toBe(false);
    expect(reloads).toHaveLength(0);
  });
});
