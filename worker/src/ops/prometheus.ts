import type { FleetFigures } from "./fleet-figures.ts";

/** One metric family of the text exposition format: its HELP, TYPE and samples. */
interface Family {
  name: string;
  help: string;
  type: "gauge" | "counter";
  samples: { labels?: Record<string, string>; value: number }[];
}

/**
 * The fleet as Prometheus text exposition (format 0.0.4; served as `text/plain; version=0.0.4`): the metrics
 * ARCHITECTURE.md "Operations" names, each with HELP and TYPE. Quantiles are gauges with a `quantile` label (not a
 * summary: no `_sum`/`_count` exist for a worst-room or over-players quantile).
 */
export function renderPrometheus(fleet: FleetFigures): string {
  const c = fleet.counters;
  const byKind = (values: Record<string, number>) => Object.entries(values).map(([kind, value]) => ({ labels: { kind }, value }));
  const quantiles = (q: { p50: number; p99: number }) => [
    { labels: { quantile: "0.5" }, value: q.p50 },
    { labels: { quantile: "0.99" }, value: q.p99 },
  ];
  const families: Family[] = [
    { name: "edgehold_rooms", type: "gauge", help: "Live rooms, by kind.", samples: byKind(fleet.roomsByKind) },
    { name: "edgehold_players", type: "gauge", help: "Connected players, by room kind.", samples: byKind(fleet.playersByKind) },
    { name: "edgehold_tick_work_ms", type: "gauge", help: "Wall time of one room tick (ms), the worst live room's quantiles over its last 300 ticks.", samples: quantiles(fleet.tickWorkMs) },
    { name: "edgehold_rtt_ms", type: "gauge", help: "Round trip measured from ackTick (ms), quantiles over every connected player.", samples: quantiles(fleet.rttMs) },
    { name: "edgehold_snapshots_sent_total", type: "counter", help: "Snapshots sent to clients.", samples: [{ value: c.snapshotsSent }] },
    { name: "edgehold_bytes_sent_total", type: "counter", help: "Bytes of frames sent to clients.", samples: [{ value: c.bytesSent }] },
    { name: "edgehold_bytes_received_total", type: "counter", help: "Bytes of frames received from clients.", samples: [{ value: c.bytesReceived }] },
    { name: "edgehold_frames_received_total", type: "counter", help: "Frames received from clients.", samples: [{ value: c.framesReceived }] },
    { name: "edgehold_sqlite_rows_written_total", type: "counter", help: "SQLite rows the rooms wrote (billed per row).", samples: [{ value: c.sqliteRowsWritten }] },
    {
      name: "edgehold_closes_total",
      type: "counter",
      help: "Room connections that ended, by WebSocket close code.",
      samples: Object.entries(c.closes).map(([code, value]) => ({ labels: { code }, value })),
    },
    { name: "edgehold_corrections_total", type: "counter", help: "Prediction corrections reported by pages (telemetry.report).", samples: [{ value: c.corrections }] },
    { name: "edgehold_estimated_cost_usd_per_hour", type: "gauge", help: "What the live rooms cost per hour at Cloudflare's published prices.", samples: [{ value: fleet.usdPerHour }] },
    { name: "edgehold_estimated_cost_usd_total", type: "counter", help: "Dollars the rooms have cost so far at Cloudflare's published prices.", samples: [{ value: fleet.usdTotal }] },
  ];
  return families.map(renderFamily).join("");
}

function renderFamily(family: Family): string {
  let text = `# HELP ${family.name} ${family.help}\n# TYPE ${family.name} ${family.type}\n`;
  for (const sample of family.samples) text += `${family.name}${renderLabels(sample.labels)} ${renderValue(sample.value)}\n`;
  return text;
}

function renderLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return "";
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`);
  return `{${pairs.join(",")}}`;
}

function renderValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}
