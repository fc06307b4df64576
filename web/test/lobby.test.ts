import { describe, expect, it } from "vitest";
import { tabPlayerId } from "../src/identity/tab-player-id.ts";
import { loadRecentRooms, rememberRoom } from "../src/lobby/recent-rooms.ts";
import { ADJECTIVES, NOUNS, SUFFIX_ALPHABET, SUFFIX_GROUPS, randomRoomCode, uniformInt } from "../src/lobby/room-code-generator.ts";
import { ROOM_CODE_PATTERN, normaliseRoomCode } from "@edgehold/protocol";
import { sessionResumeStore } from "../src/net/resume-store.ts";
import { roomSocketUrl } from "../src/net/socket-url.ts";
import { MemoryStorage } from "./support/memory-storage.ts";

describe("recent rooms", () => {
  it("keeps the latest eight distinct rooms, newest first", () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < 10; i++) rememberRoom(`room-${i}`, storage, i);
    rememberRoom("room-5", storage, 99);
    const codes = loadRecentRooms(storage).map((r) => r.code);
    expect(codes).toHaveLength(8);
    expect(codes[0]).toBe("room-5");
    expect(new Set(codes).size).toBe(8);
  });

  it("survives garbage in storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("edgehold.recentRooms", '[{"code":"ok"},{"code":"bad code!"},7,null,{"code":["x"]}]');
    expect(loadRecentRooms(storage).map((r) => r.code)).toEqual(["ok"]);
    storage.setItem("edgehold.recentRooms", "{not json");
    expect(loadRecentRooms(storage)).toEqual([]);
  });
});

describe("room codes", () => {
  it("generates readable codes that are valid room codes", () => {
    for (let i = 0; i < 200; i++) {
      const code = randomRoomCode();
      expect(code).toMatch(/^[a-z]+-[a-z]+-[2-9a-z]{3}-[2-9a-z]{4}$/);
      expect(code.length).toBeLessThanOrEqual(32);
      expect(code).toMatch(ROOM_CODE_PATTERN);
      expect(normaliseRoomCode(code)).toBe(code);
    }
  });

  it("carries at least 40 bits of randomness, from distinct symbols", () => {
    const suffixLength = SUFFIX_GROUPS.reduce((sum, n) => sum + n, 0);
    const bits = Math.log2(new Set(ADJECTIVES).size) + Math.log2(new Set(NOUNS).size) + suffixLength * Math.log2(new Set(SUFFIX_ALPHABET).size);
    expect(bits).toBeGreaterThanOrEqual(40);
    // Every symbol can turn up: the generator really draws from the whole alphabet.
    const seen = new Set(Array.from({ length: 400 }, () => randomRoomCode().split("-").slice(2).join("")).join(""));
    expect(seen.size).toBe(SUFFIX_ALPHABET.length);
    // The longest code still fits the protocol's 32 characters.
    const longest = (words: string[]) => Math.max(...words.map((w) => w.length));
    expect(longest(ADJECTIVES) + longest(NOUNS) + suffixLength + 1 + SUFFIX_GROUPS.length).toBeLessThanOrEqual(32);
  });

  it("draws without modulo bias: draws in the uneven top range of 2^32 are rejected", () => {
    // 2^32 = 107374182 × 40 + 16: the last 16 values would favour 0..15, so they are skipped.
    const draws = [0xffff_ffff, 0xffff_fff0, 41];
    expect(uniformInt(40, () => draws.shift()!)).toBe(1);
    expect(draws).toEqual([]);
    expect(uniformInt(40, () => 0xffff_ffef)).toBe(0xffff_ffef % 40);
  });

  it("uses the same generator for every part: a fixed source gives a fixed code", () => {
    expect(randomRoomCode(() => 0)).toBe(`${ADJECTIVES[0]}-${NOUNS[0]}-222-2222`);
  });
});

describe("room socket URL", () => {
  it("targets the page's origin with the identity, name, resume token and codec", () => {
    const url = new URL(roomSocketUrl({ protocol: "https:", host: "play.example.com" }, "my-room", { playerId: "dev-1", name: "Ann B", resumeToken: undefined }, "json"));
    expect(url.protocol).toBe("wss:");
    expect(url.pathname).toBe("/api/rooms/my-room/ws");
    expect(url.searchParams.get("playerId")).toBe("dev-1");
    expect(url.searchParams.get("name")).toBe("Ann B");
    expect(url.searchParams.has("resumeToken")).toBe(false);
    expect(url.searchParams.get("codec")).toBe("json");
  });
});

describe("resume tokens per tab", () => {
  it("stores a token per room and forgets it once expired", () => {
    const storage = new MemoryStorage();
    const store = sessionResumeStore(storage);
    store.save("a", "tok", 300);
    expect(store.load("a")).toBe("tok");
    expect(store.load("b")).toBeUndefined();
    storage.setItem("edgehold.resume.a", `tok ${Date.now() - 1}`);
    expect(store.load("a")).toBeUndefined();
  });
});

describe("dev player id per tab", () => {
  it("gives the first tab the browser's id, a second live tab a fresh one, and keeps each across reloads", () => {
    const local = new MemoryStorage();
    const tab1 = new MemoryStorage();
    const tab2 = new MemoryStorage();
    let n = 0;
    const fresh = () => `dev-fresh-${++n}`;
    expect(tabPlayerId("dev-home", local, tab1, fresh)).toBe("dev-home");
    expect(tabPlayerId("dev-home", local, tab2, fresh)).toBe("dev-fresh-1");
    // Reloads keep their ids.
    expect(tabPlayerId("dev-home", local, tab1, fresh)).toBe("dev-home");
    expect(tabPlayerId("dev-home", local, tab2, fresh)).toBe("dev-fresh-1");
    // Once the first tab's claim has gone stale (tab closed), a new tab gets the browser's id again.
    const tab3 = new MemoryStorage();
    expect(tabPlayerId("dev-home", local, tab3, fresh, Date.now() + 60_000)).toBe("dev-home");
  });
});
