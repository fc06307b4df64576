// The feature seam: a feature defined only in this file, registered with createProtocol, parses, encodes and
// decodes like a built-in one; the built-in names and unions are derived from the built-in definitions.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  Action,
  Channel,
  channel,
  COMMANDS,
  command,
  createProtocol,
  decodeMsgpack,
  encodeMsgpack,
  defineFeature,
  ErrorCode,
  event,
  EventAction,
  eventMessage,
  Feature,
  FEATURES,
  parseClientFrame,
  parseEnvelope,
  presenceFeature,
  type ClientCommand,
  type ClientMessageOf,
  type Codec,
  type CommandOf,
  type EventMessage,
  type FeatureCommand,
  type MovementFields,
  type MovementInput,
  type BuildAction,
  inputFields,
  CoreErrorCode,
  type PresenceFields,
  type SnapshotFeatures,
} from "../src/index.ts";
import { bothCodecs, expectError } from "./helpers.ts";

// -- a feature that exists only here -----------------------------------------------------------------------------

interface PokePayload {
  n: number;
}

function parsePoke(payload: unknown): PokePayload | string {
  if (typeof payload !== "object" || payload === null) return "payload must be an object with n";
  const { n } = payload as { n?: unknown };
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 10) return "payload.n must be an integer 1..10";
  return { n };
}

interface BallFields {
  x: number;
  held: boolean;
}

const pingPongFeature = defineFeature("ping_pong", {
  commands: {
    poke: command(parsePoke),
    serve: command(() => undefined),
    // An optional payload: none, or a valid poke.
    rally: command((payload) => (payload === undefined ? undefined : parsePoke(payload))),
  },
  events: { scored: event<{ by: string; points: number }>() },
  channels: {
    ball: channel<BallFields>({
      // A deliberately odd compact form, to see that the codec comes from the definition: [ids, xs].
      binary: {
        pack: (patch) => [Object.keys(patch.set ?? {}), Object.values(patch.set ?? {}).map((f) => f.x ?? 0)],
        unpack: (packed) => {
          const [ids, xs] = packed as [string[], number[]];
          return { set: Object.fromEntries(ids.map((id, i) => [id, { x: xs[i]! }])) };
        },
      },
    }),
  },
});

const withPingPong = createProtocol([...FEATURES, pingPongFeature]);
const CODECS: Codec[] = ["msgpack", "json"];
const poke = (payload: unknown) => ({ v: 2, kind: "command", seq: 11, feature: "ping_pong", action: "poke", payload });

describe("feature seam: a feature defined only in a test", () => {
  it("parses its command through a parser built with it, in both codecs, typed by its definition", () => {
    const value = poke({ n: 3, extra: true });
    for (const frame of [encodeMsgpack(value), JSON.stringify(value)]) {
      const result = withPingPong.parseClientFrame(frame);
      expect(result).toEqual({ ok: true, message: { v: 2, kind: "command", seq: 11, feature: "ping_pong", action: "poke", payload: { n: 3 } } });
      if (result.ok && result.message.kind === "command" && result.message.feature === "ping_pong" && result.message.action === "poke") {
        expectTypeOf(result.message.payload).toEqualTypeOf<PokePayload>();
      }
    }
    // A command whose validator yields undefined carries no payload.
    expect(withPingPong.parseEnvelope({ v: 2, kind: "command", seq: 1, feature: "ping_pong", action: "serve", payload: { x: 1 } })).toEqual({
      ok: true,
      message: { v: 2, kind: "command", seq: 1, feature: "ping_pong", action: "serve" },
    });
  });

  it("is unknown_feature to the default parser, which has never heard of it", () => {
    for (const result of bothCodecs(poke({ n: 3 }))) expectError(result, ErrorCode.unknownFeature, 11);
    expectError(parseEnvelope(poke({ n: 3 })), ErrorCode.unknownFeature, 11);
    expect(COMMANDS).not.toHaveProperty("ping_pong");
  });

  it("answers its validator's error as invalid_payload with the validator's message and the seq", () => {
    for (const [payload, message] of [
      [{ n: 11 }, "payload.n must be an integer 1..10"],
      [{ n: 0 }, "payload.n must be an integer 1..10"],
      [{ n: 2.5 }, "payload.n must be an integer 1..10"],
      [undefined, "payload must be an object with n"],
    ] as const) {
      expect(withPingPong.parseEnvelope(poke(payload))).toEqual({ ok: false, code: ErrorCode.invalidPayload, message, seq: 11 });
    }
  });

  it("omits an optional payload the validator lets through as undefined, and keeps a valid one", () => {
    const rally = (payload: unknown) => ({ v: 2, kind: "command", seq: 4, feature: "ping_pong", action: "rally", payload });
    expect(withPingPong.parseEnvelope(rally(undefined))).toEqual({ ok: true, message: { v: 2, kind: "command", seq: 4, feature: "ping_pong", action: "rally" } });
    expect(withPingPong.parseEnvelope(rally({ n: 2 }))).toMatchObject({ ok: true, message: { payload: { n: 2 } } });
    expectError(withPingPong.parseEnvelope(rally({ n: 20 })), ErrorCode.invalidPayload, 4);
  });

  it("builds its events typed by its definition", () => {
    expect(eventMessage(pingPongFeature, "scored", { by: "bob", points: 1 })).toEqual({
      v: 2, kind: "event", feature: "ping_pong", action: "scored", payload: { by: "bob", points: 1 },
    });
    // @ts-expect-error: the feature declares no such event
    eventMessage(pingPongFeature, "missed", { by: "bob", points: 1 });
    // @ts-expect-error: the payload must match the event's type
    eventMessage(pingPongFeature, "scored", { by: "bob" });
    expectTypeOf(eventMessage(presenceFeature, "leave", { entityId: "1", playerId: "p", reason: "closed" })).toMatchTypeOf<EventMessage>();
  });

  it("answers an action it does not define as unknown_action", () => {
    expectError(withPingPong.parseEnvelope({ ...poke({ n: 1 }), action: "smash" }), ErrorCode.unknownAction, 11);
  });

  it("still parses the built-in commands in a parser built with the longer list", () => {
    const resync = { v: 2, kind: "command", seq: 2, feature: "session", action: "resync" };
    expect(withPingPong.parseEnvelope(resync)).toEqual({ ok: true, message: resync });
    expectError(withPingPong.parseEnvelope({ ...resync, action: "poke" }), ErrorCode.unknownAction, 2);
  });

  it("round-trips its event and its channel through the protocol's server codec, the channel packed by its own codec", () => {
    const scored = { v: 2, kind: "event", feature: "ping_pong", action: "scored", payload: { by: "alice", points: 2 } } as const;
    const snapshot = {
      v: 2,
      kind: "snapshot",
      payload: { mode: "full", tick: 3, serverTime: 10, ackInputSeq: 0, features: { ball: { set: { "4": { x: 1.5 } } } } },
    } as const;
    for (const codec of CODECS) {
      expect(withPingPong.decodeServerMessage(withPingPong.encodeServerMessage(scored, codec))).toEqual(scored);
      expect(withPingPong.decodeServerMessage(withPingPong.encodeServerMessage(snapshot, codec))).toEqual(snapshot);
    }
    const raw = decodeMsgpack(withPingPong.encodeServerMessage(snapshot, "msgpack") as Uint8Array) as { payload: { features: { ball: unknown } } };
    expect(raw.payload.features.ball).toEqual([["4"], [1.5]]);
  });

  it("refuses two features of one name, and names that are not snake_case", () => {
    expect(() => createProtocol([...FEATURES, defineFeature("movement", { commands: {}, events: {}, channels: {} })])).toThrow(/movement/);
    expect(() => createProtocol([pingPongFeature, defineFeature("other", { commands: {}, events: {}, channels: { ball: channel() } })])).toThrow(/ball/);
    expect(() => defineFeature("PingPong", { commands: {}, events: {}, channels: {} })).toThrow(/snake_case/);
    expect(() => defineFeature("ok", { commands: { "bad-name": command(() => undefined) }, events: {}, channels: {} })).toThrow(/snake_case/);
  });

  it("types the messages of the longer list by its definitions", () => {
    type Messages = ClientMessageOf<typeof withPingPong.features>;
    expectTypeOf<Extract<Messages, { feature: "ping_pong"; action: "poke" }>["payload"]>().toEqualTypeOf<PokePayload>();
    expectTypeOf<Extract<Messages, { feature: "ping_pong"; action: "serve" }>["payload"]>().toEqualTypeOf<Record<string, never> | undefined>();
    expectTypeOf<Extract<Messages, { feature: "ping_pong"; action: "rally" }>["payload"]>().toEqualTypeOf<PokePayload | undefined>();
    expectTypeOf(withPingPong.commands).toEqualTypeOf<{
      readonly movement: readonly "input_batch"[];
      readonly session: readonly ("resync" | "refresh")[];
      readonly build: readonly "preview"[];
      readonly chat: readonly "send"[];
      readonly telemetry: readonly "report"[];
      readonly ping_pong: readonly ("poke" | "serve" | "rally")[];
    }>();
  });
});

describe("feature seam: the built-in names derive from the built-in definitions", () => {
  it("keeps every wire name and constant the code and other clients rely on", () => {
    expect(Feature).toEqual({ movement: "movement", session: "session", presence: "presence", build: "build", combat: "combat", chat: "chat", wildlife: "wildlife", party: "party", telemetry: "telemetry" });
    expect(Action).toEqual({ inputBatch: "input_batch", resync: "resync", refresh: "refresh", preview: "preview", send: "send", report: "report" });
    expect(COMMANDS).toEqual({ movement: ["input_batch"], session: ["resync", "refresh"], build: ["preview"], chat: ["send"], telemetry: ["report"] });
    expect(Channel).toEqual({ movement: "movement", presence: "presence", build: "build", buildPreview: "build_preview", projectile: "projectile", combat: "combat", party: "party" });
    expect(EventAction).toEqual({
      join: "join",
      leave: "leave",
      resumeToken: "resume_token",
      hit: "hit",
      death: "death",
      respawn: "respawn",
      message: "message",
      history: "history",
      system: "system",
      emote: "emote",
      summon: "summon",
    });
  });

  it("derives the name types and message unions", () => {
    expectTypeOf<Feature>().toEqualTypeOf<"movement" | "session" | "presence" | "build" | "combat" | "chat" | "wildlife" | "party" | "telemetry">();
    expectTypeOf<Action>().toEqualTypeOf<"input_batch" | "resync" | "refresh" | "preview" | "send" | "report">();
    expectTypeOf<Channel>().toEqualTypeOf<"movement" | "presence" | "build" | "build_preview" | "projectile" | "combat" | "party">();
    expectTypeOf<EventAction>().toEqualTypeOf<"join" | "leave" | "resume_token" | "hit" | "death" | "respawn" | "message" | "history" | "system" | "emote" | "summon">();
    expectTypeOf(Action.inputBatch).toEqualTypeOf<"input_batch">();
    expectTypeOf<ClientCommand["feature"]>().toEqualTypeOf<"movement" | "session" | "build" | "chat" | "telemetry">();
    expectTypeOf<FeatureCommand<"movement", "input_batch">>().toEqualTypeOf<CommandOf<typeof FEATURES, "movement", "input_batch">>();
    expectTypeOf<FeatureCommand<"movement", "input_batch">["payload"]["inputs"][number]>().toEqualTypeOf<MovementInput>();
    expectTypeOf<FeatureCommand<"session", "resync">["payload"]>().toEqualTypeOf<Record<string, never> | undefined>();
    expectTypeOf<Extract<EventMessage, { action: "leave" }>["payload"]>().toEqualTypeOf<{ entityId: string; playerId: string; reason: string }>();
    expectTypeOf<SnapshotFeatures>().toHaveProperty("movement").toEqualTypeOf<{ set?: Record<string, Partial<MovementFields>>; remove?: string[] } | undefined>();
    expectTypeOf<keyof SnapshotFeatures>().toEqualTypeOf<"movement" | "presence" | "build" | "build_preview" | "projectile" | "combat" | "party">();
    expectTypeOf<NonNullable<SnapshotFeatures["presence"]>["set"]>().toEqualTypeOf<Record<string, Partial<PresenceFields>> | undefined>();
  });
});

// -- what a feature adds to the step input, and its error codes ------------------------------------------------------

/** A test-only feature that adds `jump` (a height 1..3) to every step input and declares an error code of its own. */
const jumpFeature = defineFeature("jump", {
  commands: {},
  events: {},
  channels: {},
  input: inputFields<{ jump?: number }>(["jump"], (input, at) => {
    if (input.jump === undefined) return {};
    const { jump } = input;
    return typeof jump === "number" && Number.isInteger(jump) && jump >= 1 && jump <= 3 ? { jump } : `${at}.jump must be 1..3`;
  }),
  errors: { too_high: "A jump the room refused." },
});
const withJump = createProtocol([...FEATURES, jumpFeature]);
const batch = (...inputs: object[]) => ({ v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch", payload: { inputs } });
const step = (seq: number, more: object = {}) => ({ seq, up: true, down: false, left: false, right: false, ...more });

describe("feature seam: the step input is composed from what each feature declares", () => {
  it("parses a test feature's input field in movement's input batch, beside build's and combat's", () => {
    const build: BuildAction = { op: "place", tx: 1, ty: 2, kind: "wall" };
    const fire = { fire: true, aimX: 1, aimY: 0 };
    expect(withJump.parseEnvelope(batch(step(1, { jump: 2, build, ...fire })))).toEqual({
      ok: true,
      message: { v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch", payload: { inputs: [step(1, { jump: 2, build, ...fire })] } },
    });
    // Its validator is the boundary for its field, named by the input it is in.
    expect(withJump.parseEnvelope(batch(step(1), step(2, { jump: 9 })))).toEqual({
      ok: false, code: ErrorCode.invalidPayload, message: "payload.inputs[1].jump must be 1..3", seq: 5,
    });
  });

  it("is unknown to the built-in parser, which drops the field like any unknown key", () => {
    expect(parseEnvelope(batch(step(1, { jump: 9 })))).toEqual({
      ok: true,
      message: { v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch", payload: { inputs: [step(1)] } },
    });
  });

  it("types the step input of each list from its declarations", () => {
    expectTypeOf<MovementInput>().toEqualTypeOf<{
      seq: number;
      up: boolean;
      down: boolean;
      left: boolean;
      right: boolean;
      build?: BuildAction;
      fire?: boolean;
      aimX?: number;
      aimY?: number;
      viewTime?: number;
    }>();
    type JumpBatch = Extract<ClientMessageOf<typeof withJump.features>, { feature: "movement"; action: "input_batch" }>;
    expectTypeOf<JumpBatch["payload"]["inputs"][number]>().toHaveProperty("jump").toEqualTypeOf<number | undefined>();
    expectTypeOf<JumpBatch["payload"]["inputs"][number]>().toExtend<MovementInput>();
  });

  it("refuses two features that read one input key, or a feature that claims seq", () => {
    const again = defineFeature("jump_again", { commands: {}, events: {}, channels: {}, input: inputFields<{ jump?: number }>(["jump"], () => ({})) });
    expect(() => createProtocol([...FEATURES, jumpFeature, again])).toThrow(/input key "jump"/);
    const seq = defineFeature("renumber", { commands: {}, events: {}, channels: {}, input: inputFields<{ seq: number }>(["seq"], () => ({ seq: 1 })) });
    expect(() => createProtocol([...FEATURES, seq])).toThrow(/input key "seq"/);
    const aim = defineFeature("aim", { commands: {}, events: {}, channels: {}, input: inputFields<{ aimX?: number }>(["aimX"], () => ({})) });
    expect(() => createProtocol([...FEATURES, aim])).toThrow(/input key "aimX"/);
  });
});

describe("feature seam: error codes are declared by the features that send them", () => {
  it("ErrorCode is the room's own codes and every built-in feature's, under the names the code relies on", () => {
    expect(ErrorCode).toEqual({
      ...CoreErrorCode,
      inputOverflow: "input_overflow",
      refreshRejected: "refresh_rejected",
      buildRejected: "build_rejected",
      muted: "muted",
      unknownCommand: "unknown_command",
      invalidCommand: "invalid_command",
      forbidden: "forbidden",
      noSuchPlayer: "no_such_player",
      partyNotFound: "party_not_found",
      partyFull: "party_full",
      alreadyInParty: "already_in_party",
      notInvited: "not_invited",
      notAMember: "not_a_member",
    });
    // The room's own codes are not any feature's.
    expect(Object.values(CoreErrorCode)).not.toContain("build_rejected");
    for (const feature of FEATURES) for (const meaning of Object.values(feature.errors)) expect(meaning.length).toBeGreaterThan(10);
  });

  it("refuses two features that declare one code", () => {
    const again = defineFeature("jump_again", { commands: {}, events: {}, channels: {}, errors: { too_high: "again" } });
    expect(() => createProtocol([jumpFeature, again])).toThrow(/error code "too_high"/);
    expect(() => createProtocol([...FEATURES, defineFeature("x", { commands: {}, events: {}, channels: {}, errors: { muted: "twice" } })])).toThrow(/muted/);
  });
});
