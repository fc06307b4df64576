import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useIdentity } from "../identity/identity-context.tsx";
import { playFailureMessage } from "./play-failure.ts";
import { matchmake, type OfferedKind } from "./rooms-api.ts";
import { usePublicRooms } from "./use-public-rooms.ts";

/**
 * Public play: per public kind a "Play" button (matchmaking: a seat in the fullest room of that kind with one free,
 * or a new room) and that kind's live rooms with their player counts, any of which can be joined by its link.
 */
export function PublicRooms() {
  const navigate = useNavigate();
  const identity = useIdentity();
  const { kinds, rooms } = usePublicRooms();
  const [joining, setJoining] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const play = async (kind: OfferedKind) => {
    setJoining(kind.name);
    setError(undefined);
    try {
      const { code, seat } = await matchmake(identity, kind.name);
      // The seat rides to the room's socket (?seat=): the place kept for us there for 30 s.
      navigate(`/rooms/${code}?seat=${encodeURIComponent(seat)}`);
    } catch (failure) {
      setError(playFailureMessage(failure, kind));
      setJoining(undefined);
    }
  };

  if (kinds === undefined || kinds.length === 0) return null;
  return (
    <section className="card public-rooms" data-testid="public-rooms">
      <h2>Play now</h2>
      {kinds.map((kind) => {
        const ofKind = rooms?.filter((room) => room.kind === kind.name) ?? [];
        return (
          <div key={kind.name} className="public-kind" data-testid={`kind-${kind.name}`}>
            <div className="public-kind-head">
              <strong className="kind-name">{kind.name}</strong>
              <span className="muted">up to {kind.capacity} players</span>
              <button type="button" className="primary" data-testid={`play-${kind.name}`} disabled={joining !== undefined} onClick={() => void play(kind)}>
                {joining === kind.name ? "Finding a room…" : "Play"}
              </button>
            </div>
            {rooms === undefined ? (
              <p className="muted">…</p>
            ) : ofKind.length === 0 ? (
              <p className="muted">No {kind.name} running: Play opens one.</p>
            ) : (
              <ul className="recent-rooms" data-testid={`rooms-${kind.name}`}>
                {ofKind.map((room) => (
                  <li key={room.code} data-testid="public-room" data-code={room.code}>
                    <Link to={`/rooms/${room.code}`}>{room.code}</Link>
                    <span className="muted" data-testid="public-room-count">
                      {room.players}/{room.capacity} players{room.region ? ` · ${room.region}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {error && (
        <p className="error" role="alert" data-testid="play-error">
          {error}
        </p>
      )}
    </section>
  );
}
