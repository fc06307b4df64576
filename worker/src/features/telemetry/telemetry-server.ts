import { TELEMETRY_REPORT_INTERVAL_MS, telemetryFeature } from "@edgehold/protocol";
import type { ActionLimit } from "../room-context.ts";
import { defineServerFeature } from "../server-feature.ts";

/**
 * One report per interval, with a burst of two (a tab waking from a stall may send a late one and the next at
 * once). More are refused `rate_limited`: each carries corrections that add to the operators' counters.
 */
export const TELEMETRY_LIMIT: ActionLimit = {
  perSecond: 1000 / TELEMETRY_REPORT_INTERVAL_MS,
  burst: 2,
  describe: `at most one report per ${TELEMETRY_REPORT_INTERVAL_MS / 1000} seconds`,
};

/** `telemetry.report`: the page's net-graph figures into the room's figures (corrections, frame time p95). */
export const telemetryServer = defineServerFeature(telemetryFeature, {
  state: () => ({}),
  commands: {
    report(room, command) {
      const refused = room.spend(room, "telemetry.report", TELEMETRY_LIMIT);
      if (refused) return refused;
      room.reportTelemetry(room.connection, command.payload);
      return { ok: true };
    },
  },
  channels: {},
  hooks: {},
});
