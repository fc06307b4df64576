import { command, defineFeature } from "@edgehold/protocol";

/**
 * A feature that exists only in the page's feature-seam test: its protocol half. One command, `bell.ring
 * { times }`, 1–3 rings. The real room has no such feature, so it answers every ring with `unknown_feature`,
 * naming the ring's seq: the test's proof that the command left the page and its answer came back to the feature.
 */
export const bellFeature = defineFeature("bell", {
  commands: { ring: command(parseRing) },
  events: {},
  channels: {},
});

/** What the bell's section of the debug hook (`state().bell`, and its HUD element) shows. */
export interface BellDebug {
  /** The seq of every ring sent, in order. */
  rung: number[];
  /** The room's answers to them: the error code and the seq it named. */
  answers: { code: string; seq: number }[];
}

/** The key that rings (KeyboardEvent.code): no other feature of the page uses it. */
export const BELL_KEY = "KeyP";

function parseRing(payload: unknown): { times: number } | string {
  const times = (payload as { times?: unknown } | null)?.times;
  return Number.isInteger(times) && (times as number) >= 1 && (times as number) <= 3 ? { times: times as number } : "payload.times must be 1, 2 or 3";
}
