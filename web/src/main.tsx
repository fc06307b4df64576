import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { installStaleBuildReload } from "./app/stale-build-reload.ts";
import "./app/styles.css";

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
