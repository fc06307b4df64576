import { MAX_REPORTED_CORRECTIONS, MAX_REPORTED_MS, TELEMETRY_REPORT_INTERVAL_MS } from "@edgehold/protocol";
import type { HudState } from "../../hud/hud-store.ts";

/** What a report is made of: the net graph's figures (HudPublisher's). */
export type NetFigures = Pick<HudState["net"], "correctionsTotal" | "frameMsP95" | "rttMs">;

/**
 * Sends the room the page's net-graph figures every 10 s (`telemetry.report`, ARCHITECTURE.md "Operations"):
 * corrections since the last report that went out, frame time p95, and the page's RTT. Offline, nothing is sent
 * and the corrections wait for the next report.
 */
export class TelemetryReporter {
  private lastAt: number | undefined;
  private reportedCorrections = 0;

  constructor(
    private readonly figures: () => NetFigures,
    /** Sends `telemetry.report`; undefined when offline (nothing went out). */
    private readonly send: (payload: object) => number | undefined,
  ) {}

  maybeReport(now: number): void {
    if (this.lastAt === undefined) this.lastAt = now;
    if (now - this.lastAt < TELEMETRY_REPORT_INTERVAL_MS) return;
    this.lastAt = now;
    const net = this.figures();
    // The net graph has no frame p95 in the page's first second (hud/settling.ts): nothing to report yet.
    if (net.frameMsP95 === undefined) return;
    const corrections = Math.min(MAX_REPORTED_CORRECTIONS, Math.max(0, net.correctionsTotal - this.reportedCorrections));
    const payload = {
      corrections,
      frameTimeP95Ms: clampMs(net.frameMsP95),
      ...(net.rttMs !== undefined && Number.isFinite(net.rttMs) ? { rttMs: clampMs(net.rttMs) } : {}),
    };
    if (this.send(payload) !== undefined) this.reportedCorrections += corrections;
  }
}

function clampMs(ms: number): number {
  return Math.min(MAX_REPORTED_MS, Math.max(0, Math.round(ms * 100) / 100));
}
