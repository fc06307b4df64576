// The page's chat with no browser: the panel's state (lines, history, bubbles, emotes, mute, replies), composing a
// line, and the keyboard ignoring keys typed into the chat (chat-client.test.ts: chat inside a real RoomClient).
import { EMOTES, ErrorCode } from "@edgehold/protocol";
import { InputBit } from "@edgehold/sim-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lineLabel, SCOPE_COLORS, type ChatLineKind } from "../src/features/chat/chat-lines.ts";
import { BUBBLE_BASE_MS, BUBBLE_MAX_MS, ChatState, MAX_LINES } from "../src/features/chat/chat-state.ts";
import { composeLine, whisperDraft } from "../src/features/chat/compose-line.ts";
import { EMOTE_DURATION_MS, emotePose } from "../src/features/chat/emote-poses.ts";
import { isTyping, KeyboardInput } from "../src/input/keyboard.ts";
import type { AvatarPose } from "../src/render/world-view.ts";
import { said } from "./support/chat-messages.ts";

/** A ChatState on a clock the test moves. */
function chatAt(start = 1000) {
  const clock = { now: start };
  const chat = new ChatState(() => clock.now);
  chat.selfPlayerId = "me";
  return { chat, clock };
}

const texts = (chat: ChatState) => chat.getSnapshot().lines.map((l) => l.text);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("chat panel state", () => {
  it("shows history first, then live lines; a reconnect's history adds only what was missed", () => {
    const { chat } = chatAt();
    const h1 = said({ text: "old one" });
    const h2 = said({ text: "old two" });
    chat.onHistory([h1, h2].map(({ entity: _, ...m }) => m));
    const live = said({ text: "live" });
    chat.onMessage(live);
    expect(texts(chat)).toEqual(["old one", "old two", "live"]);
    expect(chat.getSnapshot().lines.map((l) => l.history === true)).toEqual([true, true, false]);
    // Reconnected: the room sends its history again, now with a line said while this page was away.
    const missed = said({ text: "while away" });
    chat.onHistory([h1, h2, live, missed]);
    expect(texts(chat)).toEqual(["old one", "old two", "live", "while away"]);
    // History arriving after a live line this page saw first still goes before it.
    const late = chatAt().chat;
    late.onMessage(live);
    late.onHistory([h1, live]);
    expect(texts(late)).toEqual(["old one", "live"]);
  });

  it("keeps at most MAX_LINES lines, dropping the oldest", () => {
    const { chat } = chatAt();
    for (let i = 0; i < MAX_LINES + 5; i++) chat.onMessage(said({ text: `line ${i}` }));
    const lines = texts(chat);
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines[0]).toBe("line 5");
  });

  it("puts room and nearby lines in a bubble over the speaker for a few seconds; whispers, emotes and history never", () => {
    const { chat, clock } = chatAt();
    chat.onMessage(said({ entity: "2", text: "hi" }));
    chat.onMessage(said({ entity: "3", scope: "nearby", text: "psst nearby" }));
    chat.onMessage(said({ entity: "4", scope: "whisper", to: "me", toName: "Me", text: "secret" }));
    chat.onMessage(said({ entity: "5", scope: "emote", text: "waves" }));
    chat.onHistory([said({ entity: undefined, text: "old" })]);
    expect([...chat.liveBubbles()].map((b) => [b.entity, b.text, b.scope])).toEqual([
      ["2", "hi", "room"],
      ["3", "psst nearby", "nearby"],
    ]);
    // A short line lasts about BUBBLE_BASE_MS; a newer line from the same speaker replaces the bubble.
    clock.now += BUBBLE_BASE_MS + 150;
    expect([...chat.liveBubbles()].map((b) => b.entity)).toEqual(["3"]);
    chat.onMessage(said({ entity: "3", text: "x".repeat(280) }));
    expect([...chat.liveBubbles()].map((b) => b.text.length)).toEqual([280]);
    clock.now += BUBBLE_MAX_MS - 1;
    expect([...chat.liveBubbles()]).toHaveLength(1);
    clock.now += 1;
    expect([...chat.liveBubbles()]).toHaveLength(0);
  });

  it("plays an emote for its duration, one at a time per avatar", () => {
    const { chat, clock } = chatAt();
    chat.onEmote({ entity: "2", emote: "wave" });
    chat.onEmote({ entity: "3", emote: "dance" });
    expect([...chat.playingEmotes()].map((e) => `${e.entity}:${e.emote}`)).toEqual(["2:wave", "3:dance"]);
    clock.now += EMOTE_DURATION_MS.wave;
    expect([...chat.playingEmotes()].map((e) => e.emote)).toEqual(["dance"]);
    chat.onEmote({ entity: "3", emote: "bow" });
    expect([...chat.playingEmotes()].map((e) => e.emote)).toEqual(["bow"]);
  });

  it("a whisper to this player is what /r answers; one this player sent is not", () => {
    const { chat } = chatAt();
    chat.onMessage(said({ scope: "whisper", from: "user_bob", name: "Bob Stone", to: "me", toName: "Me", text: "hey" }));
    chat.onMessage(said({ scope: "whisper", from: "me", name: "Me", to: "user_cy", toName: "Cy", text: "yo" }));
    const { lines, replyTo } = chat.getSnapshot();
    expect(replyTo).toBe("Bob Stone");
    expect(lines.map((l) => l.whisper)).toEqual([
      { with: "Bob Stone", outgoing: false },
      { with: "Cy", outgoing: true },
    ]);
    expect(lines.map(lineLabel)).toEqual(["Bob Stone whispers:", "to Cy:"]);
  });

  it("labels each scope and gives every kind of line its own colour", () => {
    const { chat } = chatAt();
    chat.onMessage(said({ scope: "room", text: "a" }));
    chat.onMessage(said({ scope: "nearby", text: "b" }));
    chat.onMessage(said({ scope: "emote", text: "waves" }));
    chat.onSystem({ text: "welcome" });
    expect(chat.getSnapshot().lines.map((l) => [l.kind, lineLabel(l)])).toEqual([
      ["room", "Ann:"],
      ["nearby", "Ann (nearby):"],
      ["emote", "* Ann"],
      ["system", ""],
    ]);
    const kinds: ChatLineKind[] = ["room", "nearby", "whisper", "emote", "system"];
    expect(new Set(kinds.map((k) => SCOPE_COLORS[k])).size).toBe(kinds.length);
  });

  it("shows /who's answer as a list, and a mute with its seconds left until it ends", () => {
    const { chat, clock } = chatAt();
    chat.onSystem({
      text: "2 players: Ann, Bob",
      who: [
        { playerId: "user_ann", entity: "2", name: "Ann", owner: true, muted: false },
        { playerId: "user_bob", entity: "3", name: "Bob", owner: false, muted: true },
      ],
    });
    expect(chat.getSnapshot().lines[0]!.who!.map((p) => p.name)).toEqual(["Ann", "Bob"]);
    expect(chat.mutedSecondsLeft()).toBe(0);
    chat.onSystem({ text: "you were muted for flooding (60 s)", mute: { secondsLeft: 60, until: 0, reason: "flood" } });
    expect(chat.getSnapshot().mute).toEqual({ until: clock.now + 60_000, reason: "flood" });
    clock.now += 15_500;
    expect(chat.mutedSecondsLeft()).toBe(45);
    chat.onSystem({ text: "you may chat again", mute: { secondsLeft: 0, until: 0 } });
    expect(chat.getSnapshot().mute).toBeUndefined();
    expect(chat.mutedSecondsLeft()).toBe(0);
  });

  it("turns refusals of its own lines and chat-only codes into system lines; other errors are not chat's", () => {
    const { chat } = chatAt();
    chat.noteSent(7);
    expect(chat.onError({ code: ErrorCode.muted, message: "muted", secondsLeft: 42, seq: 7 }, 7)).toBe(true);
    expect(chat.mutedSecondsLeft()).toBe(42);
    expect(chat.onError({ code: ErrorCode.rateLimited, message: "too many chat lines", action: "chat", secondsLeft: 1.2 }, 8)).toBe(true);
    expect(chat.onError({ code: ErrorCode.noSuchPlayer, message: "no player named zed" }, 9)).toBe(true);
    expect(chat.onError({ code: ErrorCode.unknownCommand, message: "unknown command /dance (try /help)" }, 10)).toBe(true);
    expect(chat.onError({ code: ErrorCode.forbidden, message: "only the room owner may /kick" }, 11)).toBe(true);
    expect(chat.onError({ code: ErrorCode.invalidPayload, message: "payload.text is empty", seq: 7 }, 7)).toBe(true);
    // Not chat's: a frame-level rate limit, a build preview's, an unknown seq's invalid payload.
    expect(chat.onError({ code: ErrorCode.rateLimited, message: "too many frames" }, 12)).toBe(false);
    expect(chat.onError({ code: ErrorCode.rateLimited, message: "slow", action: "build.preview" }, 13)).toBe(false);
    expect(chat.onError({ code: ErrorCode.invalidPayload, message: "bad input" }, 14)).toBe(false);
    const lines = chat.getSnapshot().lines;
    expect(lines.every((l) => l.kind === "system" && l.error)).toBe(true);
    expect(lines.map((l) => l.text)).toEqual([
      "you are muted (42 s)",
      "slow down: too many messages (2 s)",
      "no player named zed",
      "unknown command /dance (try /help)",
      "only the room owner may /kick",
      "payload.text is empty",
    ]);
  });

  it("tells subscribers of each change, with a new snapshot only when something changed", () => {
    const { chat } = chatAt();
    const listener = vi.fn();
    const unsubscribe = chat.subscribe(listener);
    const before = chat.getSnapshot();
    expect(chat.getSnapshot()).toBe(before);
    chat.onMessage(said());
    expect(listener).toHaveBeenCalledTimes(1);
    const after = chat.getSnapshot();
    expect(after).not.toBe(before);
    expect(chat.getSnapshot()).toBe(after);
    unsubscribe();
    chat.onSystem({ text: "x" });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("tells subscribers once per frame however many lines came in between", () => {
    const frames: (() => void)[] = [];
    const chat = new ChatState(() => 1000, (flush) => frames.push(flush));
    const listener = vi.fn();
    chat.subscribe(listener);
    chat.onMessage(said({ text: "one" }));
    chat.onMessage(said({ text: "two" }));
    chat.onEmote({ entity: "2", emote: "wave" });
    // The snapshot is current at once; the render waits for the frame.
    expect(texts(chat)).toEqual(["one", "two"]);
    expect(listener).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(listener).toHaveBeenCalledTimes(1);
    chat.onMessage(said({ text: "three" }));
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(texts(chat)).toEqual(["one", "two", "three"]);
  });
});

describe("composing a line", () => {
  it("sends what was typed with the panel's scope; an empty line leaves the input", () => {
    expect(composeLine("  hello there ", "room", undefined)).toEqual({ send: { text: "hello there", scope: "room" } });
    expect(composeLine("hi", "nearby", undefined)).toEqual({ send: { text: "hi", scope: "nearby" } });
    expect(composeLine("/me waves", "room", undefined)).toEqual({ send: { text: "/me waves", scope: "room" } });
    expect(composeLine("   ", "room", undefined)).toEqual({ leave: true });
    expect(composeLine("", "nearby", undefined)).toEqual({ leave: true });
  });

  it("/r answers the last whisper (a name with a space quoted); without one it is refused here", () => {
    expect(composeLine("/r see you", "room", "Bob")).toEqual({ send: { text: "/w Bob see you", scope: "room" } });
    expect(composeLine("/reply ok", "room", "Player ab12")).toEqual({ send: { text: '/w "Player ab12" ok', scope: "room" } });
    expect(composeLine("/r hi", "room", undefined)).toMatchObject({ refuse: expect.stringContaining("nobody has whispered") });
    expect(composeLine("/r", "room", "Bob")).toMatchObject({ refuse: expect.stringContaining("/r <text>") });
    // Not a reply: a command that merely starts with r.
    expect(composeLine("/roll", "room", "Bob")).toEqual({ send: { text: "/roll", scope: "room" } });
    expect(whisperDraft("Player ab12")).toBe('/w "Player ab12" ');
  });

  it("/p (or /party) says the rest to your party: scope party, whatever the panel's scope", () => {
    expect(composeLine("/p regroup at the well", "room", undefined)).toEqual({ send: { text: "regroup at the well", scope: "party" } });
    expect(composeLine("/PARTY on my way", "nearby", undefined)).toEqual({ send: { text: "on my way", scope: "party" } });
    expect(composeLine("/p", "room", undefined)).toMatchObject({ refuse: expect.stringContaining("/p <text>") });
    // Not a party line: a command that merely starts with p.
    expect(composeLine("/ping", "room", undefined)).toEqual({ send: { text: "/ping", scope: "room" } });
  });

  it("refuses a line over 280 characters (counted as a reader counts them) before sending it", () => {
    expect(composeLine("é".repeat(280), "room", undefined)).toHaveProperty("send");
    expect(composeLine("😀".repeat(280), "room", undefined)).toHaveProperty("send");
    expect(composeLine("x".repeat(281), "room", undefined)).toEqual({ refuse: "too long: 281 characters (at most 280)" });
  });
});

describe("emote poses", () => {
  it("every emote visibly moves the avatar while it plays, and ends at its duration", () => {
    for (const emote of EMOTES) {
      const pose: AvatarPose = { lift: 0, spin: 0, roll: 0, pitch: 0 };
      let largest = 0;
      for (let t = 0; t < EMOTE_DURATION_MS[emote]; t += 16) {
        expect(emotePose(emote, t, pose), emote).toBe(true);
        largest = Math.max(largest, Math.abs(pose.lift), Math.abs(pose.spin), Math.abs(pose.roll), Math.abs(pose.pitch));
      }
      // At least 0.05 m or rad: a few pixels at the follow camera's distance.
      expect(largest, emote).toBeGreaterThanOrEqual(0.05);
      expect(emotePose(emote, EMOTE_DURATION_MS[emote], pose), emote).toBe(false);
    }
  });
});

/** A window with only what KeyboardInput uses; `focus` moves document.activeElement. */
function fakeWindow() {
  const listeners = new Map<string, (event: unknown) => void>();
  const body = { tagName: "BODY", isContentEditable: false };
  const chatInput = { tagName: "INPUT", isContentEditable: false };
  const document = {
    activeElement: body as object,
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(`document:${type}`, fn),
    removeEventListener: () => {},
  };
  const target = {
    document,
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    removeEventListener: (type: string) => listeners.delete(type),
  };
  const key = (type: "keydown" | "keyup", code: string, on: object = document.activeElement) =>
    listeners.get(type)!({ code, target: on, repeat: false, preventDefault: () => {} });
  return { window: target as unknown as Window, body, chatInput, document, key };
}

describe("keyboard while typing in the chat", () => {
  it("keys typed into the chat input move nothing", () => {
    const w = fakeWindow();
    const keyboard = new KeyboardInput(w.window);
    w.document.activeElement = w.chatInput;
    w.key("keydown", "KeyW");
    w.key("keydown", "KeyD");
    expect(keyboard.bits()).toBe(0);
    // Leaving the chat: the letters typed there were never held keys.
    w.document.activeElement = w.body;
    expect(keyboard.bits()).toBe(0);
    w.key("keydown", "KeyW");
    expect(keyboard.bits()).toBe(InputBit.up);
    keyboard.dispose();
  });

  it("a key held when the chat takes focus stops moving the player until the chat is left", () => {
    const w = fakeWindow();
    const keyboard = new KeyboardInput(w.window);
    w.key("keydown", "KeyW");
    expect(keyboard.bits()).toBe(InputBit.up);
    // Enter: the chat input has focus, W still physically held.
    w.document.activeElement = w.chatInput;
    expect(keyboard.bits()).toBe(0);
    w.document.activeElement = w.body;
    expect(keyboard.bits()).toBe(InputBit.up);
    w.key("keyup", "KeyW");
    expect(keyboard.bits()).toBe(0);
    keyboard.dispose();
  });

  it("knows a text field by its shape", () => {
    expect(isTyping({ tagName: "INPUT" } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: "textarea" } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: "DIV", isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: "CANVAS", isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
