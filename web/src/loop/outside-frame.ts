/**
 * Keeps React's renders out of the animation frame. A store that publishes during a frame (the HUD, combat's
 * numbers, the build bar, the party frame) would have React render synchronously at the end of that frame's
 * callback (useSyncExternalStore updates are synchronous), adding its 0.3–0.8 ms to the frame the page is drawing.
 * Notified from a task of its own right after the frame instead, React renders between frames: the same work, off
 * the path from input to pixels. Outside a frame (a key press, a socket message, a test) listeners run at once.
 */
let frameDepth = 0;
const pending = new Set<() => void>();
let flushScheduled = false;

/** Runs `draw` as the page's frame: notifications asked for inside it wait for `notifyOutsideFrame`'s task. */
export function runAsFrame(draw: () => void): void {
  frameDepth++;
  try {
    draw();
  } finally {
    frameDepth--;
  }
}

/** Calls `notify` now, or, inside a frame, once in a task after it (the same `notify` asked twice runs once). */
export function notifyOutsideFrame(notify: () => void): void {
  if (frameDepth === 0) {
    notify();
    return;
  }
  afterThisFrame(notify);
}

/**
 * Calls `notify` once, in the task after the next animation frame: for a store that coalesces many changes between
 * frames (chat lines arrive in many socket messages) into one notification a frame, and must not have React render
 * inside that frame either (an rAF callback of its own is still the frame the page is drawing). Where there are no
 * frames (Node tests) it calls `notify` at once.
 */
export function notifyAfterNextFrame(notify: () => void): void {
  if (typeof requestAnimationFrame !== "function") notify();
  else requestAnimationFrame(() => afterThisFrame(notify));
}

function afterThisFrame(notify: () => void): void {
  pending.add(notify);
  if (flushScheduled) return;
  flushScheduled = true;
  setTimeout(flush, 0);
}

function flush(): void {
  flushScheduled = false;
  const due = [...pending];
  pending.clear();
  for (const notify of due) notify();
}
