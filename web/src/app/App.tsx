import { createBrowserRouter, RouterProvider } from "react-router";
import { CharacterScreen } from "../characters/CharacterScreen.tsx";
import { IdentityProvider } from "../identity/identity-provider.tsx";
import { LobbyPage } from "../lobby/LobbyPage.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

function RoomLoading() {
  return <p className="route-loading">Loading the game…</p>;
}

function PageLoading() {
  return <p className="route-loading">Loading…</p>;
}

const router = createBrowserRouter([
  { path: "/", element: <LobbyPage /> },
  // The game (Three.js, netcode, sim) is over half the page's JavaScript: the lobby and character screen do not
  // wait for it.
  {
    path: "/rooms/:code",
    lazy: async () => ({ Component: (await import("../room/RoomPage.tsx")).RoomPage }),
    HydrateFallback: RoomLoading,
  },
  { path: "/characters", element: <CharacterScreen /> },
  // The operators' monitor: its charting library is loaded only by operators.
  { path: "/admin", lazy: async () => ({ Component: (await import("../admin/AdminPage.tsx")).AdminPage }), HydrateFallback: PageLoading },
  { path: "*", element: <NotFoundPage /> },
]);

export function App() {
  return (
    <IdentityProvider>
      <RouterProvider router={router} />
    </IdentityProvider>
  );
}
