import { SnapshotMode } from "@edgehold/protocol";
import type { Connection } from "./connection.ts";
import type { ReadConfirmation } from "./read-confirmation.ts";

/**
 * Flow control of the snapshot stream (ARCHITECTURE.md "Reading confirmation"). A room cannot see a socket's send
 * buffer, so a client that stops reading would grow it until the isolate runs out of memory and every player in the
 * room is dropped. Instead its `ackTick` says how far behind it is (ReadConfirmation.lagMs):
 * - lagging more than `lagMs` (2 s): one `full` snapshot every `lagMs` instead of deltas, until it has confirmed
 *   what it was sent; then a `full` again, to rejoin the shared delta stream it skipped;
 * - lagging more than `closeAfterMs` (15 s), or nothing confirmed that long after its welcome: closed 4008.
 * At most ~20 deltas and 7 fulls are ever in flight to a client that reads nothing.
 */
export interface SnapshotFlowLimits {
  lagMs: number;
  closeAfterMs: number;
}

export const DEFAULT_SNAPSHOT_FLOW: SnapshotFlowLimits = { lagMs: 2_000, closeAfterMs: 15_000 };

/** The close reason of a connection that does not read (with CloseCode.rateLimited, 4008). */
export const NOT_READING_REASON = "not reading snapshots";

/** `SNAPSHOT_LAG_MS` and `SNAPSHOT_LAG_CLOSE_MS` (vars) override the defaults, e.g. for tests; other values are ignored. */
export interface SnapshotFlowEnv {
  SNAPSHOT_LAG_MS?: string;
  SNAPSHOT_LAG_CLOSE_MS?: string;
}

export function snapshotFlowLimits(env: Env): SnapshotFlowLimits {
  const vars = env as Env & SnapshotFlowEnv;
  return {
    lagMs: positive(vars.SNAPSHOT_LAG_MS) ?? DEFAULT_SNAPSHOT_FLOW.lagMs,
    closeAfterMs: positive(vars.SNAPSHOT_LAG_CLOSE_MS) ?? DEFAULT_SNAPSHOT_FLOW.closeAfterMs,
  };
}

/**
 * What `connection` gets on its snapshot tick: `full` (it joined, asked, changed view, or lags and one is due),
 * `delta`, or nothing (it lags and its next full is not due: it will need a full to rejoin the stream).
 */
export function nextSnapshotMode(connection: Connection, now: number, limits: SnapshotFlowLimits): SnapshotMode | undefined {
  const reading = connection.reading;
  if (reading.lagMs(now) > limits.lagMs) {
    if (reading.lastFullAt !== undefined && now - reading.lastFullAt < limits.lagMs) {
      connection.needsFullSnapshot = true;
      return undefined;
    }
    return SnapshotMode.full;
  }
  return connection.needsFullSnapshot ? SnapshotMode.full : SnapshotMode.delta;
}

/** True when `reading` lags more than `closeAfterMs`, or has confirmed nothing that long after its welcome. */
export function notReading(reading: ReadConfirmation, now: number, limits: SnapshotFlowLimits): boolean {
  if (reading.lagMs(now) > limits.closeAfterMs) return true;
  return !reading.confirmedAny && now - reading.openedAt > limits.closeAfterMs;
}

function positive(value: string | undefined): number | undefined {
  const number = Number(value);
  return value !== undefined && Number.isFinite(number) && number > 0 ? number : undefined;
}
