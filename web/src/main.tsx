import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { installStaleBuildReload } from "./app/stale-build-reload.ts";
import "./app/styles.css";
// Feature styles go in the one stylesheet of the entry, not with the lazy game chunk: a CSS dependency of that chunk
// changes how Vite preloads it, and a stale build's missing chunk then no longer reports as `vite:preloadError`.
import "./features/combat/combat.css";
import "./features/chat/chat.css";
import "./features/party/party.css";
import "./features/build/build.css";
import "./features/movement/movement.css";

installStaleBuildReload({
  target: window,
  // Touched only inside the handler's try: where storage is blocked, merely reading `sessionStorage` throws.
  storage: { getItem: (key) => sessionStorage.getItem(key), setItem: (key, value) => sessionStorage.setItem(key, value) },
  reload: () => location.reload(),
  now: () => Date.now(),
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
