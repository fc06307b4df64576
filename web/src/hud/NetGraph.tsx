import type { NetGraphFigures } from "./hud-store.ts";

/** The F3 / backtick overlay: what the netcode is doing, a few times a second. */
export function NetGraph({ figures: f }: { figures: NetGraphFigures }) {
  const rows: [string, string, string][] = [
    ["snapshots", `${f.snapshotsPerSecond.toFixed(0)}/s`, "net-snapshots"],
    ["RTT", f.rttMs === undefined ? "—" : `${f.rttMs.toFixed(0)} ms ± ${f.rttJitterMs.toFixed(0)}`, "net-rtt"],
    ["snapshot jitter", `${f.snapshotJitterMs.toFixed(1)} ms`, "net-jitter"],
    ["interp delay", `${f.interpolationDelayMs.toFixed(0)} ms${f.extrapolatingMs > 0 ? ` (extrap ${f.extrapolatingMs.toFixed(0)} ms)` : ""}`, "net-delay"],
    ["corrections", `${f.correctionsPerSecond.toFixed(0)}/s`, "net-corrections-rate"],
    ["corrections total", String(f.correctionsTotal), "net-corrections"],
    ["last correction", `${(f.lastCorrectionMetres * 100).toFixed(1)} cm`, "net-last-correction"],
    // Teleports (a respawn): the room moved the body itself, so the page snaps there. Not prediction errors.
    ["snaps (teleports)", String(f.snapsTotal), "net-snaps"],
    ["last snap", `${f.lastSnapMetres.toFixed(2)} m`, "net-last-snap"],
    ["down / up", `${f.kBpsDown.toFixed(1)} / ${f.kBpsUp.toFixed(1)} kB/s`, "net-bandwidth"],
    ["server tick", String(f.serverTick), "net-tick"],
    ["inputs ahead", `${f.pendingInputs} (acked #${f.ackInputSeq})`, "net-pending"],
    ["frame JS p50/p95", f.frameMsP50 === undefined || f.frameMsP95 === undefined ? "—" : `${f.frameMsP50.toFixed(2)} / ${f.frameMsP95.toFixed(2)} ms`, "net-frame"],
  ];
  if (f.lagMs > 0 || f.jitterMs > 0) rows.push(["simulated link", `+${f.lagMs} ms RTT, ${f.jitterMs} ms jitter`, "net-link"]);
  return (
    <div className="net-graph" data-testid="net-graph">
      <table>
        <tbody>
          {rows.map(([label, value, id]) => (
            <tr key={id}>
              <th>{label}</th>
              <td data-testid={id}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
