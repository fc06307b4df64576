import { useEffect, useMemo } from "react";
import { Link, Navigate, useParams } from "react-router";
import { normaliseRoomCode } from "@edgehold/protocol";
import { AccountBar } from "../identity/AccountBar.tsx";
import { loadDevIdentity } from "../identity/dev-identity.ts";
import { useIdentity } from "../identity/identity-context.tsx";
import { rememberRoom } from "../lobby/recent-rooms.ts";
import { GameView } from "./GameView.tsx";

/** `/rooms/:code`: straight into the game (the link is the invitation), or a clear message for a bad code. */
export function RoomPage() {
  const { code: raw = "" } = useParams();
  const code = normaliseRoomCode(raw);
  const identity = useIdentity();
  const displayName = useMemo(() => loadDevIdentity().displayName, []);
  // The seat the lobby's Play or a party's summon reserved (`?seat=`), read once per room: it is for this visit's
  // socket, not for the link. Per room, not per mount: "Join your party" moves from room to room in this same page.
  const seat = useMemo(() => new URLSearchParams(window.location.search).get("seat") ?? undefined, [code]);

  useEffect(() => {
    if (code) rememberRoom(code);
  }, [code]);

  if (!code) {
    return (
      <main className="page invalid-room" data-testid="invalid-room">
        <h1>That is not a room code</h1>
        <p>
          <code>{raw}</code> is not a valid room code: codes are 1–32 letters, digits, <code>-</code> or <code>_</code>.
        </p>
        <Link to="/">Back to the lobby</Link>
      </main>
    );
  }
  // Codes are case-insensitive; show the canonical one so shared links agree.
  if (code !== raw) return <Navigate to={`/rooms/${code}${window.location.search}`} replace />;

  return (
    <>
      <nav className="room-bar">
        <Link to="/" className="brand">Edgehold</Link>
        <span className="room-code" data-testid="room-code">room <strong>{code}</strong></span>
        <AccountBar roomCode={code} />
      </nav>
      {identity.signedIn ? (
        <GameView roomCode={code} identity={identity} displayName={displayName} seat={seat} />
      ) : (
        <main className="page">
          <p>Sign in to join room <strong>{code}</strong>.</p>
        </main>
      )}
    </>
  );
}
