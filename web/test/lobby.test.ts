import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../src/app/api-answer.ts";
import { tabPlayerId } from "../src/identity/tab-player-id.ts";
import { playFailureMessage } from "../src/lobby/play-failure.ts";
import { loadRecentRooms, rememberRoom } from "../src/lobby/recent-rooms.ts";
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

describe("Play's failure messages", () => {
  const duel = { name: "duel", capacity: 2, public: true };

  it("say what to do: sign in, or (a party larger than the kind seats) pick a larger kind or play alone", () => {
    expect(playFailureMessage(new ApiRequestError(401, "unauthorized", "sign in"), duel)).toBe("Sign in to play.");
    const tooLarge = new ApiRequestError(409, "party_too_large", 'your party has 3 members and a "duel" room seats 2: pick a larger kind', "kind");
    expect(playFailureMessage(tooLarge, duel)).toBe(
      "Your party has more players than a duel room seats (2): pick a larger kind, or leave the party to play alone.",
    );
  });

  it("ask to try again when nothing else helps (no room took the seat, the network failed)", () => {
    const tryAgain = "No room could take you just now; try again.";
    expect(playFailureMessage(new ApiRequestError(503, "matchmake_unavailable", "no room could take you right now"), duel)).toBe(tryAgain);
    expect(playFailureMessage(new TypeError("Failed to fetch"), duel)).toBe(tryAgain);
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
