import { isFiniteNumber, isPlainObject } from "../../guards.ts";
import { MAX_REPORTED_CORRECTIONS, MAX_REPORTED_MS, type TelemetryReportPayload } from "./telemetry-types.ts";

export function parseTelemetryReport(payload: unknown): TelemetryReportPayload | string {
  if (!isPlainObject(payload)) return "payload must be an object { corrections, frameTimeP95Ms, rttMs? }";
  const { corrections, frameTimeP95Ms, rttMs } = payload;
  if (!Number.isInteger(corrections) || (corrections as number) < 0 || (corrections as number) > MAX_REPORTED_CORRECTIONS) {
    return `payload.corrections must be a whole number 0..${MAX_REPORTED_CORRECTIONS}`;
  }
  if (!isMs(frameTimeP95Ms)) return `payload.frameTimeP95Ms must be a number 0..${MAX_REPORTED_MS}`;
  if (rttMs !== undefined && !isMs(rttMs)) return `payload.rttMs must be a number 0..${MAX_REPORTED_MS}`;
  return { corrections: corrections as number, frameTimeP95Ms, ...(rttMs !== undefined ? { rttMs: rttMs as number } : {}) };
}

function isMs(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0 && value <= MAX_REPORTED_MS;
}
