/** How often a page sends `telemetry.report` (ARCHITECTURE.md "Operations"). */
export const TELEMETRY_REPORT_INTERVAL_MS = 10_000;

/** `telemetry.report`: what the page's net graph saw since its previous report. */
export interface TelemetryReportPayload {
  /** Prediction corrections of the own body since the previous report (a whole number, 0..MAX_REPORTED_CORRECTIONS). */
  corrections: number;
  /** The page's frame time p95 (ms) over its recent frames. */
  frameTimeP95Ms: number;
  /** The page's own round-trip estimate (ms, from pongs); absent before it has one. */
  rttMs?: number;
}

/**
 * Most corrections one report may carry: 10 s at the page's 60 frames a second, each frame correcting at most once.
 * Anything more is no page's report, and would let one client inflate the fleet's counter.
 */
export const MAX_REPORTED_CORRECTIONS = 600;
/** Largest frame time or RTT a report may carry (ms): a minute; a page slower than that is not reporting. */
export const MAX_REPORTED_MS = 60_000;
