import { useEffect, useRef, useState } from "react";
import { CombatHud } from "../features/combat/CombatHud.tsx";
import { ChatPanel } from "../hud/ChatPanel.tsx";
import { Hud } from "../hud/Hud.tsx";
import type { Identity } from "../identity/identity-context.tsx";
import { TouchJoystick } from "../input/TouchJoystick.tsx";
import { parseLinkConditions } from "../net/link-conditions.ts";
import { parseQualityPreference } from "../render/render-quality.ts";
import { GameSession } from "./game-session.ts";
import { socketUrlFor } from "./socket-url-for.ts";

/** Mounts a GameSession for the room into a full-window container; unmounting disposes all of it. */
export function GameView({ roomCode, identity, displayName }: { roomCode: string; identity: Identity; displayName: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState<GameSession | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let cancelled = false;
    let started: GameSession | undefined;
    setError(undefined);
    GameSession.start({
      roomCode,
      container: element,
      socketUrl: socketUrlFor(roomCode, identity, displayName),
      ...(identity.mode === "clerk" ? { sessionToken: (options?: { skipCache?: boolean }) => identity.getToken(options) } : {}),
      link: parseLinkConditions(window.location.search),
      quality: parseQualityPreference(window.location.search),
    }).then(
      (s) => {
        if (cancelled) s.dispose();
        else setSession((started = s));
      },
      (e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      cancelled = true;
      started?.dispose();
      setSession(undefined);
    };
  }, [roomCode, identity, displayName]);

  return (
    <div className="game" data-testid="game">
      <div ref={container} className="scene-container" />
      {session && <Hud store={session.hud} />}
      {session && <CombatHud store={session.combat.hud} />}
      {session && <ChatPanel chat={session.chat} />}
      {session && <TouchJoystick state={session.joystick} />}
      {!session && !error && <div className="loading">loading the room…</div>}
      {error && (
        <div className="hud-banner hud-banner-final" role="alert">
          could not start the game: {error}
        </div>
      )}
    </div>
  );
}
