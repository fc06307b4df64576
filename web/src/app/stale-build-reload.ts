/**
 * After a deploy, a tab opened on the previous build asks for chunks (the game route, Clerk) whose hashed names no
 * longer exist. Vite reports that as a `vite:preloadError` event; the cure is loading the new build, so the page
 * reloads itself — at most once per RELOAD_COOLDOWN_MS, so a chunk that is truly missing cannot loop the tab, and
 * then the error surfaces as usual.
 */
export const RELOAD_COOLDOWN_MS = 30_000;
const LAST_RELOAD_KEY = "edgehold.staleBuildReloadAt";

export interface StaleBuildReloadDeps {
  target: EventTarget;
  storage: Pick<Storage, "getItem" | "setItem">;
  reload: () => void;
  now: () => number;
}

export function installStaleBuildReload({ target, storage, reload, now }: StaleBuildReloadDeps): () => void {
  const onPreloadError = (event: Event) => {
    try {
      const last = Number(storage.getItem(LAST_RELOAD_KEY) ?? Number.NEGATIVE_INFINITY);
      if (now() - last < RELOAD_COOLDOWN_MS) return;
      storage.setItem(LAST_RELOAD_KEY, String(now()));
    } catch {
      // Storage blocked: without a guard a reload could loop, so let the error show instead.
      return;
    }
    event.preventDefault();
    reload();
  };
  target.addEventListener("vite:preloadError", onPreloadError);
  return () => target.removeEventListener("vite:preloadError", onPreloadError);
}
