// Build actions are limited by the room's token buckets (5 a second), and a player who keeps building too fast is
// escalated like any other flooder: `too_fast` refusals, then the automatic chat mute, then a 4008 close.
import { BuildRejectReason, ErrorCode, Kind, type BuildAction, type ErrorPayload, type MovementInput } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { FLOOD_CLOSE_STRIKES, FLOOD_STRIKES } from "../src/room/flood-escalation.ts";
import { system } from "./support/chat-client.ts";
import { place } from "./support/room-internals.ts";
import { connect, freshRoom } from "./support/test-client.ts";

/** Where the builder stands: far from the spawn ring, so nothing is protected. */
const AT = { x: 20.5, y: 0.5 };
/** Floors (they block no body) on distinct tiles within reach: every action gets as far as the rate. */
const TILES = Array.from({ length: 11 * 11 }, (_, i) => ({ tx: 15 + (i % 11), ty: -5 + Math.floor(i / 11) })).filter(
  ({ tx, ty }) => Math.hypot(tx + 0.5 - AT.x, ty + 0.5 - AT.y) <= 5.5,
);

describe("building too fast", () => {
  it("is refused too_fast, and a sustained flood of build actions gets the automatic mute (told), then 4008", async () => {
    const room = freshRoom("build-flood");
    const { client } = await connect(room, { playerId: "build-flooder" });
    await client.nextSnapshot();
    await place(room, "build-flooder", AT.x, AT.y);
    let seq = 0;
    const input = (build: BuildAction): MovementInput => ({ seq: ++seq, up: false, down: false, left: false, right: false, build });
    // Two inputs every 50 ms, each with a build action: ~40 a second, eight times the limit, well within the
    // connection's frame budget (20 frames a second).
    const flood = setInterval(() => {
      if (client.closeEvent) return;
      const [a, b] = [TILES[seq % TILES.length]!, TILES[(seq + 1) % TILES.length]!];
      client.sendInputs([input({ op: "place", kind: "floor", ...a }), input({ op: "place", kind: "floor", ...b })]);
    }, 50);
    try {
      expect(await client.closed(8000)).toEqual({ code: 4008, reason: "kept flooding after an automatic mute" });
      expect(await system(client, (s) => s.mute !== undefined)).toMatchObject({ text: "You are muted for flooding for 1 minute.", mute: { reason: "flood", secondsLeft: 60 } });
      const errors = client.received.filter((m) => m.kind === Kind.error).map((m) => m.payload as ErrorPayload);
      expect(errors.length).toBeGreaterThanOrEqual(FLOOD_STRIKES + FLOOD_CLOSE_STRIKES - 1);
      // Each refusal kept its own words (build_rejected, too_fast, naming the input), none was a protocol strike.
      expect(errors.every((e) => e.code === ErrorCode.buildRejected && e.reason === BuildRejectReason.tooFast && e.seq !== undefined)).toBe(true);
      const muteAt = client.received.findIndex((m) => m.kind === Kind.event && m.action === "system");
      expect(client.received.slice(0, muteAt).filter((m) => m.kind === Kind.error)).toHaveLength(FLOOD_STRIKES - 1);
    } finally {
      clearInterval(flood);
    }
  }, 15_000);
});
