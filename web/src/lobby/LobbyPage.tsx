import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { normaliseRoomCode } from "@edgehold/protocol";
import { ControlsList } from "../hud/ControlsList.tsx";
import { AccountBar } from "../identity/AccountBar.tsx";
import { loadDevIdentity, saveDisplayName } from "../identity/dev-identity.ts";
import { useNameCheck } from "../identity/use-name-check.ts";
import { loadRecentRooms } from "./recent-rooms.ts";
import { useIdentity } from "../identity/identity-context.tsx";
import { createRoom } from "./rooms-api.ts";
import { PublicRooms } from "./PublicRooms.tsx";
import { useRoomCounts } from "./use-room-counts.ts";

/**
 * `/`: your name, public play (matchmaking and the public rooms), create a private room or join one by code, and the
 * rooms you visited with who is in them now.
 */
export function LobbyPage() {
  const navigate = useNavigate();
  const [name, setName] = useState(() => loadDevIdentity().displayName);
  const [joinCode, setJoinCode] = useState("");
  const [joinError, setJoinError] = useState<string | undefined>();
  const recent = useMemo(() => loadRecentRooms(), []);
  const counts = useRoomCounts(recent.map((r) => r.code));
  const identity = useIdentity();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | undefined>();
  // A room refuses a name the rule refuses (and shows the player's default one): say so before they go in. The rule
  // loads once the name is edited: a visit that only creates or joins a room does not fetch it.
  const [nameEdited, setNameEdited] = useState(false);
  const nameCheck = useNameCheck(name, nameEdited);
  const nameProblem = name.trim() !== "" && nameCheck?.ok === false ? nameCheck.message : undefined;

  const keepName = (value: string) => {
    setNameEdited(true);
    setName(value);
    if (value.trim()) saveDisplayName(value);
  };
  // The room is made by the server (POST /api/rooms): you own it, so the owner commands are yours there.
  const create = async () => {
    setCreating(true);
    setCreateError(undefined);
    try {
      const { code } = await createRoom(identity);
      navigate(`/rooms/${code}`);
    } catch (error) {
      const status = (error as { status?: number }).status;
      setCreateError(status === 401 ? "Sign in to create a room." : "Could not create a room; try again.");
      setCreating(false);
    }
  };
  const join = (event: FormEvent) => {
    event.preventDefault();
    const code = normaliseRoomCode(joinCode.trim());
    if (!code) {
      setJoinError("Room codes are 1–32 letters, digits, - or _.");
      return;
    }
    navigate(`/rooms/${code}`);
  };

  return (
    <main className="page lobby" data-testid="lobby">
      <header className="lobby-header">
        <h1>Edgehold</h1>
        <AccountBar />
      </header>
      <p className="muted">Rooms are links: share one and your friends land right next to you.</p>

      <section className="card">
        <label className="field">
          Your name
          {/* The rule counts characters after NFKC (checkName); this only stops a paste of a page of text. */}
          <input data-testid="name-input" value={name} maxLength={64} onChange={(e) => keepName(e.target.value)} aria-invalid={nameProblem !== undefined} />
        </label>
        {nameProblem && (
          <p className="error" data-testid="name-problem">
            {nameProblem}: rooms will show your default name instead.
          </p>
        )}
      </section>

      <PublicRooms />

      <section className="card lobby-actions">
        <button type="button" className="primary" data-testid="create-room" onClick={() => void create()} disabled={creating}>
          Create a room
        </button>
        <form onSubmit={join} className="join-form">
          <input
            aria-label="Room code"
            data-testid="join-code"
            placeholder="room code"
            value={joinCode}
            onChange={(e) => {
              setJoinCode(e.target.value);
              setJoinError(undefined);
            }}
          />
          <button type="submit">Join</button>
        </form>
        {joinError && <p className="error" role="alert">{joinError}</p>}
        {createError && <p className="error" role="alert" data-testid="create-error">{createError}</p>}
      </section>

      <section className="card">
        <h2>Recent rooms</h2>
        {recent.length === 0 ? (
          <p className="muted">Rooms you open show up here.</p>
        ) : (
          <ul className="recent-rooms" data-testid="recent-rooms">
            {recent.map((room) => {
              const count = counts.get(room.code);
              return (
                <li key={room.code}>
                  <Link to={`/rooms/${room.code}`}>{room.code}</Link>
                  <span className="muted">
                    {count === undefined ? "…" : `${count} ${count === 1 ? "player" : "players"} online`}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card help">
        <h2>Controls</h2>
        <ControlsList />
        <p className="muted">
          Add <code>?lag=150&amp;jitter=30</code> to a room link to feel prediction under a slow network.
        </p>
      </section>
    </main>
  );
}
