import { describe, expect, it, vi } from "vitest";
import { ExternalStore } from "../src/hud/external-store.ts";
import { runAsFrame } from "../src/loop/outside-frame.ts";

describe("HUD stores published during a frame", () => {
  it("tell React after the frame, once, with the newest value (React renders between frames)", async () => {
    const store = new ExternalStore(0);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    runAsFrame(() => {
      store.publish(1);
      store.publish(2);
      // The value is there at once for anyone who reads it; only the notification waits.
      expect(store.getSnapshot()).toBe(2);
    });
    expect(seen).toEqual([]);
    await vi.waitFor(() => expect(seen).toEqual([2]));
  });

  it("tell React at once outside a frame (a key press, a socket message)", () => {
    const store = new ExternalStore("a");
    const listener = vi.fn();
    store.subscribe(listener);
    store.publish("b");
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("still tell React when the frame throws", async () => {
    const store = new ExternalStore(0);
    const listener = vi.fn();
    store.subscribe(listener);
    expect(() =>
      runAsFrame(() => {
        store.publish(1);
        throw new Error("a bad frame");
      }),
    ).toThrow("a bad frame");
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1));
    store.publish(2);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
