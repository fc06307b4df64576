// The chat feature's wire: chat.send validation (cleaning, length, scope), its events in both codecs, its codes.
import { describe, expect, it } from "vitest";
import {
  ChatScope,
  CloseCode,
  decodeServerMessage,
  EMOTES,
  encodeServerMessage,
  ErrorCode,
  eventMessage,
  chatFeature,
  MAX_CHAT_TEXT_LENGTH,
  parseEnvelope,
  type FeatureCommand,
  type Codec,
  type ServerMessage,
} from "../src/index.ts";
import { bothCodecs, expectError } from "./helpers.ts";

const send = (payload: unknown) => ({ v: 2, kind: "command", seq: 9, feature: "chat", action: "send", payload });

/** The validated payload of a chat.send, in both codecs (they must agree), or the failure. */
function parsed(payload: unknown): FeatureCommand<"chat", "send">["payload"] {
  const [binary, json] = bothCodecs(send(payload));
  expect(json).toEqual(binary);
  if (!binary!.ok) throw new Error(`rejected: ${binary!.message}`);
  const message = binary!.message;
  if (message.kind !== "command" || message.feature !== "chat") throw new Error("not a chat command");
  return message.payload;
}

describe("chat.send", () => {
  it("accepts a line, defaulting the scope to room, and keeps nearby; other keys are dropped", () => {
    expect(parsed({ text: "hello there" })).toEqual({ text: "hello there", scope: "room" });
    expect(parsed({ text: "psst", scope: "nearby", color: "red" })).toEqual({ text: "psst", scope: "nearby" });
    expect(parsed({ text: "/w bob hi", scope: "room" })).toEqual({ text: "/w bob hi", scope: "room" });
  });

  it("strips control and bidi-override characters, turns line breaks into spaces, and trims", () => {
    expect(parsed({ text: "  a\u0000b\u0007c\u001b[31m  " })).toEqual({ text: "abc[31m", scope: "room" });
    expect(parsed({ text: "one\ntwo\r\nthree\tfour" }).text).toBe("one two three four");
    expect(parsed({ text: "evil\u202Egnp.exe\u2066x\u2069" }).text).toBe("evilgnp.exex");
    // The zero-width joiner of an emoji sequence stays; a lone surrogate (JSON can carry one) goes.
    expect(parsed({ text: "family 👨\u200D👩\u200D👧" }).text).toBe("family 👨\u200D👩\u200D👧");
    const json = parseEnvelope(JSON.parse('{"v":2,"kind":"command","seq":3,"feature":"chat","action":"send","payload":{"text":"a\\ud800b"}}'));
    expect(json).toMatchObject({ ok: true, message: { payload: { text: "ab" } } });
  });

  it("counts characters, not UTF-16 units: 280 emoji pass, 281 characters do not", () => {
    expect(parsed({ text: "😀".repeat(MAX_CHAT_TEXT_LENGTH) }).text).toHaveLength(2 * MAX_CHAT_TEXT_LENGTH);
    expect(parsed({ text: `  ${"x".repeat(MAX_CHAT_TEXT_LENGTH)}  ` }).text).toHaveLength(MAX_CHAT_TEXT_LENGTH);
    for (const result of bothCodecs(send({ text: "x".repeat(MAX_CHAT_TEXT_LENGTH + 1) }))) {
      expectError(result, ErrorCode.invalidPayload, 9);
      expect(!result.ok && result.message).toMatch(/at most 280 characters \(it has 281\)/);
    }
  });

  it("rejects empty lines, non-string text, bad scopes and non-object payloads with invalid_payload and the seq", () => {
    const bad: [unknown, RegExp][] = [
      [{ text: "" }, /empty/],
      [{ text: "   \n\t " }, /empty/],
      [{ text: "\u0000\u0001\u202E" }, /empty/],
      [{ text: 42 }, /text must be a string/],
      [{}, /text must be a string/],
      [{ text: "hi", scope: "whisper" }, /scope must be one of room, nearby/],
      [{ text: "hi", scope: "emote" }, /scope must be one of room, nearby/],
      [{ text: "hi", scope: 1 }, /scope/],
      ["hi", /payload must be an object/],
      [["hi"], /payload must be an object/],
      [undefined, /payload must be an object/],
    ];
    for (const [payload, why] of bad) {
      for (const result of bothCodecs(send(payload))) {
        expectError(result, ErrorCode.invalidPayload, 9);
        expect(!result.ok && result.message, JSON.stringify(payload)).toMatch(why);
      }
    }
  });
});

describe("chat events and codes", () => {
  const CODECS: Codec[] = ["msgpack", "json"];
  const events: ServerMessage[] = [
    eventMessage(chatFeature, "message", { id: 7, from: "p1", name: "Ann", text: "hi", scope: ChatScope.nearby, at: 1, entity: "3" }),
    eventMessage(chatFeature, "message", { id: 8, from: "p1", name: "Ann", text: "psst", scope: ChatScope.whisper, at: 2, to: "p2", toName: "Bob" }),
    eventMessage(chatFeature, "history", { messages: [{ id: 1, from: "p1", name: "Ann", text: "old", scope: ChatScope.room, at: 0 }] }),
    eventMessage(chatFeature, "system", {
      text: "2 players",
      who: [{ playerId: "p1", entity: "3", name: "Ann", owner: true, muted: false }],
      mute: { secondsLeft: 60, until: 99, reason: "flood" },
    }),
    eventMessage(chatFeature, "emote", { entity: "3", emote: "wave" }),
  ];

  it("round-trip in both codecs", () => {
    for (const codec of CODECS) for (const message of events) expect(decodeServerMessage(encodeServerMessage(message, codec))).toEqual(message);
  });

  it("names the moderation and abuse codes the page reacts to", () => {
    expect(ErrorCode).toMatchObject({
      muted: "muted",
      unknownCommand: "unknown_command",
      invalidCommand: "invalid_command",
      forbidden: "forbidden",
      noSuchPlayer: "no_such_player",
      rateLimited: "rate_limited",
    });
    expect(CloseCode).toMatchObject({ kicked: 4004, rateLimited: 4008 });
    expect(EMOTES).toContain("wave");
  });
});
