/**
 * Artificial network conditions for seeing (and testing) prediction: `?lag=150&jitter=30` on the page URL.
 *
 * `lag` is extra round-trip time in ms, split evenly between the two directions; `jitter` is the width in ms of
 * a uniform random spread added to each frame's one-way delay. Ordering is kept (a WebSocket is a TCP stream), so
 * jitter shows up as bunching, as it does on a real link.
 */
export interface LinkConditions {
  lagMs: number;
  jitterMs: number;
}

export const NO_LINK_DELAY: LinkConditions = { lagMs: 0, jitterMs: 0 };

/** Values past this are a typo, not a test: 5 s of lag would only trip the server's input buffer. */
const MAX_LINK_MS = 2000;

export function parseLinkConditions(search: string): LinkConditions {
  const params = new URLSearchParams(search);
  return { lagMs: readMs(params.get("lag")), jitterMs: readMs(params.get("jitter")) };
}

export function hasLinkDelay(link: LinkConditions): boolean {
  return link.lagMs > 0 || link.jitterMs > 0;
}

function readMs(raw: string | null): number {
  if (raw === null) return 0;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.min(value, MAX_LINK_MS) : 0;
}
