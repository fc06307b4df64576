import { useCallback, useState } from "react";
import { Link } from "react-router";
import { loadAdminToken, saveAdminToken } from "./admin-token.ts";
import { seriesOf } from "./monitor-history.ts";
import { RoomPanel } from "./RoomPanel.tsx";
import { RoomsTable } from "./RoomsTable.tsx";
import { TimeChart } from "./TimeChart.tsx";
import { TokenForm } from "./TokenForm.tsx";
import { useMonitor } from "./use-monitor.ts";
import "./admin.css";

/** `/admin`: the operators' live monitor (ARCHITECTURE.md "Operations"). Asks for the admin token first. */
export function AdminPage() {
  const [token, setToken] = useState(loadAdminToken);
  const [problem, setProblem] = useState<string | undefined>();
  const keep = (value: string | undefined) => {
    saveAdminToken(value);
    setToken(value);
  };
  const onAuthProblem = useCallback((message: string) => {
    setProblem(message);
    saveAdminToken(undefined);
    setToken(undefined);
  }, []);

  return (
    <main className="page monitor" data-testid="admin">
      <header className="lobby-header">
        <h1>Edgehold monitor</h1>
        <Link to="/">Lobby</Link>
      </header>
      {token ? <Monitor token={token} onAuthProblem={onAuthProblem} onSignOut={() => keep(undefined)} /> : <TokenForm problem={problem} onToken={keep} />}
    </main>
  );
}

function Monitor({ token, onAuthProblem, onSignOut }: { token: string; onAuthProblem: (message: string) => void; onSignOut: () => void }) {
  const [selected, setSelected] = useState<string | undefined>();
  const monitor = useMonitor(token, selected, onAuthProblem);
  const { history } = monitor;
  return (
    <>
      <p className="muted">
        Every 2 s; the plots keep the last 15 minutes this page has seen.{" "}
        {monitor.error && <span className="error">Last poll failed: {monitor.error}</span>}{" "}
        <button type="button" onClick={onSignOut}>
          Forget the token
        </button>
      </p>
      <div className="monitor-charts">
        <TimeChart testId="chart-ccu" title="Players" unit="" colour="#ffd166" data={seriesOf(history, (s) => s.players)} />
        <TimeChart testId="chart-tick" title="Worst tick p99" unit="ms" colour="#ff6b6b" data={seriesOf(history, (s) => s.tickWorkP99Ms)} />
        <TimeChart testId="chart-bandwidth" title="Sent" unit="kB/s" colour="#4dabf7" data={seriesOf(history, (s) => s.kBpsSent)} />
        <TimeChart testId="chart-cost" title="Estimated cost" unit="$/hour" colour="#51cf66" data={seriesOf(history, (s) => s.costUsdPerHour)} />
      </div>
      <RoomsTable rooms={monitor.rooms} selected={selected} onSelect={setSelected} />
      {monitor.selected && <RoomPanel token={token} room={monitor.selected} onDone={monitor.refresh} />}
    </>
  );
}
