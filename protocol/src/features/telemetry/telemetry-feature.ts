import { command, defineFeature } from "../define-feature.ts";
import { parseTelemetryReport } from "./telemetry-validator.ts";

/**
 * The page's own figures for the operators: `telemetry.report` every 10 s (corrections, frame time p95, RTT from its
 * net graph), acked. No events, no channels.
 */
export const telemetryFeature = defineFeature("telemetry", {
  commands: { report: command(parseTelemetryReport) },
  events: {},
  channels: {},
});
