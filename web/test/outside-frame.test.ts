import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatState } from "../src/features/chat/chat-state.ts";
import { ExternalStore } from "../src/hud/external-store.ts";
import { runAsFrame } from "../src/loop/outside-frame.ts";
import { said } from "./support/chat-messages.ts";

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

describe("the chat panel's store", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("tells React once for the lines between two frames, in a task after the frame, not inside it", async () => {
    const frameCallbacks: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frameCallbacks.push(callback));
    const chat = new ChatState(() => 1000);
    const seen: string[][] = [];
    chat.subscribe(() => seen.push(chat.getSnapshot().lines.map((line) => line.text)));
    chat.onMessage(said({ text: "one" }));
    chat.onMessage(said({ text: "two" }));
    expect(frameCallbacks).toHaveLength(1);
    // The browser's frame: every rAF callback runs, then the page is painted. React must not render in it.
    for (const callback of frameCallbacks.splice(0)) callback(16);
    expect(seen).toEqual([]);
    await vi.waitFor(() => expect(seen).toEqual([["one", "two"]]));
  });
});
