import { useState } from "react";
import { MAX_CHAT_TEXT_LENGTH } from "@edgehold/protocol";
import { broadcast, closeRoom, kickPlayer, setOwner, type AdminRoomDetail } from "./admin-api.ts";
import { FrameTime } from "./FrameTime.tsx";

interface RoomPanelProps {
  token: string;
  room: AdminRoomDetail;
  onDone: () => void;
}

/**
 * A room's players and the operator's actions on it: kick (4004), make owner (the player is told and may moderate),
 * broadcast (a system line), close (4010).
 */
export function RoomPanel({ token, room, onDone }: RoomPanelProps) {
  const [text, setText] = useState("");
  const [status, setStatus] = useState<string | undefined>();
  const act = async (label: string, action: () => Promise<void>) => {
    setStatus(`${label}…`);
    try {
      await action();
      setStatus(`${label}: done`);
      onDone();
    } catch (error) {
      setStatus(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <section className="card" data-testid="admin-room" data-room={room.code}>
      <h2>
        {room.code} <span className="muted">{room.kind}</span>
      </h2>
      <table className="monitor-table" data-testid="admin-players">
        <thead>
          <tr>
            <th>player</th>
            <th>RTT</th>
            <th>kB/s</th>
            <th>corrections</th>
            <th>frame p95</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {room.playerList.map((player) => (
            <tr key={player.playerId} data-player={player.playerId}>
              <td title={player.playerId}>
                {player.name}
                {player.playerId === room.owner && (
                  <span className="muted" data-testid="admin-owner">
                    {" "}
                    owner
                  </span>
                )}
              </td>
              <td>{player.rttMs === null ? "—" : `${Math.round(player.rttMs)} ms`}</td>
              <td>{(player.bytesSentPerSec / 1000).toFixed(1)}</td>
              <td>{player.corrections}</td>
              <FrameTime ms={player.frameTimeP95Ms} testId="admin-player-frame" />
              <td>
                {player.playerId !== room.owner && (
                  <button type="button" data-testid="admin-make-owner" onClick={() => void act(`Make ${player.name} owner`, () => setOwner(token, room.code, player.playerId))}>
                    Make owner
                  </button>
                )}{" "}
                <button type="button" className="danger" onClick={() => void act(`Kick ${player.name}`, () => kickPlayer(token, room.code, player.playerId, "kicked by the operator"))}>
                  Kick
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="join-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) void act("Broadcast", () => broadcast(token, room.code, text.trim())).then(() => setText(""));
        }}
      >
        <input data-testid="admin-broadcast-text" placeholder="A message to everyone in the room" value={text} maxLength={MAX_CHAT_TEXT_LENGTH} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Broadcast</button>
      </form>
      <p>
        <button type="button" className="danger" data-testid="admin-close-room" onClick={() => void act("Close room", () => closeRoom(token, room.code, "closed by the operator"))}>
          Close room
        </button>
      </p>
      {status && (
        <p className="muted" data-testid="admin-status">
          {status}
        </p>
      )}
    </section>
  );
}
