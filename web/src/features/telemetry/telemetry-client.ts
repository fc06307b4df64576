import { telemetryFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";

/**
 * The page's half of `telemetry`: it has no events or channels, only the `report` command, which GameSession's
 * TelemetryReporter (telemetry-reporter.ts) sends every 10 s from the net graph's figures (the HUD publisher owns
 * them, so the reporter is fed there rather than from a feature controller).
 */
export const telemetryClient = defineClientFeature(telemetryFeature, {
  events: {},
  channels: {},
});
