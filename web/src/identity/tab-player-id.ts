/**
 * Which dev player id this tab plays as.
 *
 * The browser's id lives in localStorage, so a returning player keeps their characters and positions. But two
 * windows of one browser must be two players (that is how you try a room alone), not one player whose second
 * connection replaces the first (close 4005). So a tab *claims* the stored id with a heartbeat in localStorage;
 * a tab that finds a live claim by another tab plays as a fresh id instead. Either way the choice is kept in
 * sessionStorage, so reloading a tab keeps its player (and lets it resume its session).
 */
const TAB_KEY = "edgehold.tabPlayerId";
const CLAIM_KEY = "edgehold.devPlayerId.claim";
/** Heartbeat period and how long a claim outlives its last beat (a closed tab frees the id within ~5 s). */
const HEARTBEAT_MS = 2000;
const CLAIM_TTL_MS = 5000;

const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function tabPlayerId(homeId: string, local: Storage, session: Storage, newId: () => string, now = Date.now()): string {
  const kept = read(() => session.getItem(TAB_KEY));
  if (kept && VALID_ID.test(kept)) {
    if (kept === homeId) holdClaim(homeId, local);
    return kept;
  }
  const claim = parseClaim(read(() => local.getItem(CLAIM_KEY)));
  const taken = claim !== undefined && claim.id === homeId && now - claim.at < CLAIM_TTL_MS;
  const id = taken ? newId() : homeId;
  write(() => session.setItem(TAB_KEY, id));
  if (id === homeId) holdClaim(homeId, local);
  return id;
}

let heldClaim: string | undefined;

/** Keeps this tab's claim on `id` fresh until the page goes away. */
function holdClaim(id: string, local: Storage): void {
  if (heldClaim === id) return;
  heldClaim = id;
  const beat = () => write(() => local.setItem(CLAIM_KEY, `${id} ${Date.now()}`));
  beat();
  setInterval(beat, HEARTBEAT_MS);
  globalThis.addEventListener?.("pagehide", () => {
    if (parseClaim(read(() => local.getItem(CLAIM_KEY)))?.id === id) write(() => local.removeItem(CLAIM_KEY));
  });
}

function parseClaim(raw: string | null | undefined): { id: string; at: number } | undefined {
  if (!raw) return undefined;
  const [id, at] = raw.split(" ");
  return id && Number.isFinite(Number(at)) ? { id, at: Number(at) } : undefined;
}

function read(get: () => string | null): string | null {
  try {
    return get();
  } catch {
    return null;
  }
}

function write(set: () => void): void {
  try {
    set();
  } catch {
    // Storage unavailable: this tab just keeps the id in memory.
  }
}
