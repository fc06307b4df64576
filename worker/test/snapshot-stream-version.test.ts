import { describe, expect, it } from "vitest";
import type { ChannelFields } from "../src/room/channel-diff.ts";
import { ChangeLog } from "../src/room/change-log.ts";
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

  it("diffs a moved versioned channel at its changed ids only, with the same deltas as a whole diff", () => {
    const build = new Map<string, ChannelFields>();
    const log = new ChangeLog(4);
    const put = (id: string, fields: ChannelFields) => (build.set(id, fields), log.record(id));
    const drop = (id: string) => (build.delete(id), log.record(id));
    for (let i = 1; i <= 100; i++) put(String(i), { tx: i, ty: 0, kind: "wall", owner: "a", hp: 500 });
    const looked: number[] = [];
    const counting = new Map([["build", (version: number) => (looked.push(version), log.since(version))]]);
    const incremental = new SnapshotStream();
    const whole = new SnapshotStream();
    const channels = new Map([["build", build]]);
    const next = () => {
      const versions = new Map([["build", log.version]]);
      const a = incremental.next(channels, versions, counting).delta;
      expect(a).toEqual(whole.next(channels, versions).delta);
      return a;
    };
    next();
    put("7", { tx: 7, ty: 0, kind: "wall", owner: "a", hp: 420 });
    put("7", { tx: 7, ty: 0, kind: "wall", owner: "a", hp: 380 });
    drop("9");
    expect(next()).toEqual({ build: { set: { "7": { hp: 380 } }, remove: ["9"] } });
    expect(looked).toEqual([100]);
    // Further behind than the log reaches (capacity 4, trimmed at 8): a whole diff, still right.
    for (let i = 0; i < 10; i++) put("3", { tx: 3, ty: 0, kind: "wall", owner: "a", hp: 400 - i });
    expect(next()).toEqual({ build: { set: { "3": { hp: 391 } } } });
    expect(log.since(0)).toBeUndefined();
  });
});
