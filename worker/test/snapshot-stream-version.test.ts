import { describe, expect, it } from "vitest";
import type { ChannelFields } from "../src/room/channel-diff.ts";
import { SnapshotStream } from "../src/room/snapshot-builder.ts";

describe("SnapshotStream with versioned channels", () => {
  it("does not diff a channel whose map and version are unchanged, and diffs it again once its version moves", () => {
    const build = new Map<string, ChannelFields>([["1", { tx: 1, ty: 2, kind: "wall", owner: "a", hp: 500 }]]);
    const stream = new SnapshotStream();
    const channels = new Map([["build", build]]);

    expect(stream.next(channels, new Map([["build", 1]])).delta).toEqual({ build: { set: { "1": build.get("1") } } });
    expect(stream.next(channels, new Map([["build", 1]])).delta).toEqual({});

    // Changed without a version bump: not looked at (this is the skip — a versioned channel promises to bump).
    build.set("2", { tx: 3, ty: 4, kind: "crate", owner: "b", hp: 150 });
    expect(stream.next(channels, new Map([["build", 1]])).delta).toEqual({});
    // Bumped: the change goes out, exactly once.
    expect(stream.next(channels, new Map([["build", 2]])).delta).toEqual({ build: { set: { "2": build.get("2") } } });
    expect(stream.next(channels, new Map([["build", 2]])).delta).toEqual({});
    build.delete("1");
    expect(stream.next(channels, new Map([["build", 3]])).delta).toEqual({ build: { remove: ["1"] } });
  });

  it("keeps diffing channels without a version every tick", () => {
    const movement = new Map<string, ChannelFields>([["7", { x: 0, y: 0, vx: 0, vy: 0 }]]);
    const stream = new SnapshotStream();
    const channels = new Map([["movement", movement]]);
    stream.next(channels);
    movement.set("7", { x: 1, y: 0, vx: 0, vy: 0 });
    expect(stream.next(channels).delta).toEqual({ movement: { set: { "7": { x: 1 } } } });
  });
});
