import { Fragment, useEffect, useRef, useState } from "react";
import type { AnyClientFeature } from "../features/client-feature.ts";
import { CLIENT_FEATURES } from "../features/registry.ts";
import { Hud } from "../hud/Hud.tsx";
import type { Identity } from "../identity/identity-context.tsx";
import { TouchJoystick } from "../input/TouchJoystick.tsx";
import { parseLinkConditions } from "../net/link-conditions.ts";
import { parseQualityPreference } from "../render/render-quality.ts";
import { GameSession } from "./game-session.ts";
import { socketUrlFor } from "./socket-url-for.ts";

export interface GameViewProps {
  roomCode: string;
  identity: Identity;
  displayName: string;
  /** A matchmade seat for this room (the lobby's Play), for the socket. */
  seat?: string | undefined;
  /** The page's features: CLIENT_FEATURES (a test page adds one of its own). */
  features?: readonly AnyClientFeature[];
}

/**
 * Mounts a GameSession for the room into a full-window container, with the core HUD and each feature's HUD element
 * over the scene; unmounting disposes all of it.
 */
export function GameView({ roomCode, identity, displayName, seat, features = CLIENT_FEATURES }: GameViewProps) {
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
      socketUrl: socketUrlFor(roomCode, identity, displayName, seat),
      ...(identity.mode === "clerk" ? { sessionToken: (options?: { skipCache?: boolean }) => identity.getToken(options) } : {}),
      link: parseLinkConditions(window.location.search),
      quality: parseQualityPreference(window.location.search),
      features,
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
  }, [roomCode, identity, displayName, seat, features]);

  return (
    <div className="game" data-testid="game">
      <div ref={container} className="scene-container" />
      {session && <Hud store={session.hud} />}
      {session?.featureHuds.map(({ feature, node }) => <Fragment key={feature}>{node}</Fragment>)}
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
