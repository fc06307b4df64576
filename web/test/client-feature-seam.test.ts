// The page's feature seam on the netcode side: a feature defined only in this file takes part in predicting the own
// inputs and sends its own typed commands; and the built-in features' input parts reach the wire as they always did.
import { buildFeature, combatFeature, command, decodeMsgpack, defineFeature, encodeMsgpack, PROTOCOL_VERSION } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { buildInput } from "../src/features/build/build-controller.ts";
import { defineClientFeature } from "../src/features/client-feature.ts";
import { fireInput } from "../src/features/combat/combat-prediction.ts";
import { CLIENT_FEATURES } from "../src/features/registry.ts";
import { composeInput, type InputPart } from "../src/net/input-bits.ts";
import { predictionPart } from "../src/net/prediction.ts";
import { ClientFixture } from "./support/client-fixture.ts";

/** A feature that exists only in this file: one command, `counter.add { n }`. */
const counterFeature = defineFeature("counter", {
  commands: { add: command((payload: unknown) => (typeof (payload as { n?: unknown })?.n === "number" ? { n: (payload as { n: number }).n } : "payload.n must be a number")) },
  events: {},
  channels: {},
});

const AT_REST = { movement: { set: { "1": { x: 0.5, y: 0.5, vx: 0, vy: 0 } } } };

/** The commands the client sent since the last call, decoded. */
function sentCommands(f: ClientFixture): Record<string, unknown>[] {
  return f.socket
    .takeSent()
    .map((frame) => decodeMsgpack(frame as Uint8Array) as Record<string, unknown>)
    .filter((m) => m.kind === "command");
}

describe("the page's feature seam: prediction parts and typed commands", () => {
  it("calls a test-only prediction part around every predicted and replayed step, and hands back its memo of the acknowledged input", async () => {
    const calls: string[] = [];
    let remembered = 0;
    const counterPrediction = predictionPart(() => ({
      rebase: (first: boolean, memo: number | undefined) => void calls.push(`rebase first=${first} memo=${memo}`),
      beforeStep: (input: { seq: number }) => void calls.push(`before ${input.seq}`),
      afterStep: (seq: number) => void calls.push(`after ${seq}`),
      replaying: (active: boolean) => void calls.push(active ? "replay {" : "}"),
      remember: () => ++remembered,
    }));
    const counterClient = defineClientFeature(counterFeature, { events: {}, channels: {}, prediction: counterPrediction });
    const f = new ClientFixture({ features: [...CLIENT_FEATURES, counterClient] });
    await f.welcome();
    f.snapshot("full", 3, 0, AT_REST);
    f.client.step(0);
    f.client.step(0);
    // The room has applied input 1: what the part remembered after input 1's step (2: after the base's 1) comes back.
    f.snapshot("delta", 6, 1, AT_REST);
    expect(calls).toEqual([
      "rebase first=true memo=undefined",
      "replay {",
      "}",
      "before 1",
      "after 1",
      "before 2",
      "after 2",
      "rebase first=false memo=2",
      "replay {",
      "before 2",
      "}",
    ]);
    expect(f.client.prediction(counterPrediction)).toBe(f.client.prediction(counterPrediction));
    f.client.dispose();
  });

  it("sends a test-only feature's command through its typed send, and returns the envelope's seq", async () => {
    const f = new ClientFixture({ features: [...CLIENT_FEATURES, defineClientFeature(counterFeature, { events: {}, channels: {} })] });
    await f.welcome();
    f.socket.takeSent();
    const send = f.client.commandsOf(counterFeature);
    const seq = send("add", { n: 3 });
    // @ts-expect-error: the counter has no such command
    send("subtract", { n: 1 });
    // @ts-expect-error: its payload is `{ n: number }`
    send("add", { n: "three" });
    expect(sentCommands(f)[0]).toEqual({ v: PROTOCOL_VERSION, kind: "command", seq, feature: "counter", action: "add", payload: { n: 3 } });
    f.client.dispose();
  });

  it("merges the features' input parts in registry order: a shot and a build action riding one input encode byte for byte as before the seam", () => {
    const action = { op: "place", tx: 3, ty: -2, kind: "wall" } as const;
    // What combat's and build's controllers return for this step, gathered in the registry's order as GameSession does.
    const partOf: Record<string, InputPart | undefined> = { [combatFeature.name]: fireInput({ x: 1, y: 0 }, 1234.5), [buildFeature.name]: buildInput(action) };
    const { wire } = composeInput(7, 0, CLIENT_FEATURES.map((feature) => partOf[feature.protocol.name]));
    // The input as the page built it before features brought their own parts (net/input-bits.ts, toWireInput).
    const before = { seq: 7, up: false, down: false, left: false, right: false, fire: true, aimX: 1, aimY: 0, viewTime: 1234.5, build: action };
    expect(Buffer.from(encodeMsgpack(wire)).toString("hex")).toBe(Buffer.from(encodeMsgpack(before)).toString("hex"));
  });
});
