import { describe, expect, it } from "vitest";
import { parseTelemetryReport, TELEMETRY_REPORT_INTERVAL_MS } from "@edgehold/protocol";
import { TelemetryReporter, type NetFigures } from "../src/features/telemetry/telemetry-reporter.ts";

describe("the page's telemetry.report", () => {
  it("sends the net graph's figures every 10 s, corrections since the last report that went out", () => {
    const net: NetFigures = { correctionsTotal: 0, frameMsP95: 12.345, rttMs: undefined };
    const sent: object[] = [];
    let online = true;
    const reporter = new TelemetryReporter(() => net, (payload) => (online ? sent.push(payload) : undefined));
    reporter.maybeReport(1000);
    net.correctionsTotal = 4;
    reporter.maybeReport(1000 + TELEMETRY_REPORT_INTERVAL_MS - 1);
    expect(sent).toEqual([]);
    reporter.maybeReport(1000 + TELEMETRY_REPORT_INTERVAL_MS);
    expect(sent).toEqual([{ corrections: 4, frameTimeP95Ms: 12.35 }]);

    // Offline: nothing goes out, and those corrections are in the next report.
    net.correctionsTotal = 7;
    online = false;
    reporter.maybeReport(1000 + 2 * TELEMETRY_REPORT_INTERVAL_MS);
    online = true;
    net.correctionsTotal = 9;
    net.rttMs = 48.2;
    reporter.maybeReport(1000 + 3 * TELEMETRY_REPORT_INTERVAL_MS);
    expect(sent[1]).toEqual({ corrections: 5, frameTimeP95Ms: 12.35, rttMs: 48.2 });
    // Every report is one the room accepts.
    for (const payload of sent) expect(parseTelemetryReport(payload)).toEqual(payload);
  });
});
