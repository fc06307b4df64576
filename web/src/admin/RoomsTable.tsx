import type { AdminRoom } from "./admin-api.ts";
import { FrameTime } from "./FrameTime.tsx";
import { formatValue } from "./TimeChart.tsx";

/** The live rooms, busiest first; a click selects one to see its players and act on it. */
export function RoomsTable({ rooms, selected, onSelect }: { rooms: readonly AdminRoom[]; selected: string | undefined; onSelect: (code: string) => void }) {
  const sorted = [...rooms].sort((a, b) => b.players - a.players || a.code.localeCompare(b.code));
  return (
    <section className="card">
      <h2>Live rooms ({rooms.length})</h2>
      {sorted.length === 0 ? (
        <p className="muted">No room is running.</p>
      ) : (
        <table className="monitor-table" data-testid="admin-rooms">
          <thead>
            <tr>
              <th>room</th>
              <th>kind</th>
              <th>players</th>
              <th>tick p99</th>
              <th title="The slowest page's frame time p95, as the pages report it every 10 s">frame p95</th>
              <th>kB/s</th>
              <th>rows/hour</th>
              <th>$/hour</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((room) => (
              <tr key={room.code} data-room={room.code} className={room.code === selected ? "selected" : undefined} onClick={() => onSelect(room.code)}>
                <td>
                  <button type="button" className="link-button">
                    {room.code}
                  </button>
                </td>
                <td>{room.kind}</td>
                <td data-testid="admin-room-players">{room.players}</td>
                <td className={room.tickWorkMs.p99 > 10 ? "error" : undefined}>{room.tickWorkMs.p99.toFixed(1)} ms</td>
                <FrameTime ms={room.frameTimeP95Ms} testId="admin-room-frame" />
                <td>{(room.bytesSentPerSec / 1000).toFixed(1)}</td>
                <td>{room.rowsWrittenPerHour.toFixed(0)}</td>
                <td>{formatValue(room.costUsdPerHour)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
