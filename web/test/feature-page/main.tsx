import { StrictMode, useMemo } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { CLIENT_FEATURES } from "../../src/features/registry.ts";
import { loadDevIdentity } from "../../src/identity/dev-identity.ts";
import { useIdentity } from "../../src/identity/identity-context.tsx";
import { IdentityProvider } from "../../src/identity/identity-provider.tsx";
import { GameView } from "../../src/room/GameView.tsx";
import "../../src/app/styles.css";
import "../../src/features/combat/combat.css";
import "../../src/features/chat/chat.css";
import { bellClient } from "./bell-client.tsx";

/**
 * The page's feature-seam test page (web/e2e/feature-seam.e2e.test.ts builds web/index.html with this entry in
 * place of src/main.tsx, and serves it): the room of `?room=` with the page's features plus the test-only bell,
 * through the same GameView as the real page.
 */
const FEATURES = [...CLIENT_FEATURES, bellClient];

function BellRoom({ roomCode }: { roomCode: string }) {
  const identity = useIdentity();
  const displayName = useMemo(() => loadDevIdentity().displayName, []);
  return <GameView roomCode={roomCode} identity={identity} displayName={displayName} features={FEATURES} />;
}

const roomCode = new URLSearchParams(location.search).get("room") ?? "bell";
// Under a router, as the game always is on the real page (features' HUDs may link or navigate, e.g. the party's
// "Join your party").
const router = createBrowserRouter([{ path: "*", element: <BellRoom roomCode={roomCode} /> }]);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <IdentityProvider>
      <RouterProvider router={router} />
    </IdentityProvider>
  </StrictMode>,
);
