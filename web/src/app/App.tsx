import { createBrowserRouter, RouterProvider } from "react-router";
import { CharacterScreen } from "../characters/CharacterScreen.tsx";
import { IdentityProvider } from "../identity/identity-context.tsx";
import { LobbyPage } from "../lobby/LobbyPage.tsx";
import { RoomPage } from "../room/RoomPage.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

const router = createBrowserRouter([
  { path: "/", element: <LobbyPage /> },
  { path: "/rooms/:code", element: <RoomPage /> },
  { path: "/characters", element: <CharacterScreen /> },
  { path: "*", element: <NotFoundPage /> },
]);

export function App() {
  return (
    <IdentityProvider>
      <RouterProvider router={router} />
    </IdentityProvider>
  );
}
