/**
 * The HUD's first second: figures a newcomer sees right after load must not alarm. One ping gives an RTT skewed by
 * the page's own start-up (code parsing, the first snapshot's work), and the first frames include shader compiles
 * and the first scene upload, so a p95 over them reads as a slow game. They show "—" until they mean something.
 */

/** Pongs before the RTT is shown: three pings (~3 s at one a second) average out a slow first one. */
export const RTT_SAMPLES_BEFORE_SHOWN = 3;

/** Frames drawn in the first second (shader compiles, first uploads) are left out of the frame-time figures. */
export const FRAME_SETTLE_MS = 1000;

/** The RTT to show: undefined ("—") until RTT_SAMPLES_BEFORE_SHOWN pongs were measured. */
export function shownRtt(rttMs: number | undefined, samples: number): number | undefined {
  return samples >= RTT_SAMPLES_BEFORE_SHOWN ? rttMs : undefined;
}

/**
 * Which frame samples the frame-time figures read: none in the first FRAME_SETTLE_MS after `startedAt`, then only
 * frames recorded since that second ended (at most `window` of the newest).
 */
export class SettledFrames {
  /** The frame count when the first second ended (undefined: not yet). */
  private countAtSettle: number | undefined;

  constructor(private readonly startedAt: number) {}

  /** How many of the newest samples to read now (undefined: none yet, show "—"); `count` is frames recorded so far. */
  samplesToRead(now: number, count: number, window: number): number | undefined {
    if (this.countAtSettle === undefined) {
      if (now - this.startedAt < FRAME_SETTLE_MS) return undefined;
      this.countAtSettle = count;
    }
    const since = count - this.countAtSettle;
    return since > 0 ? Math.min(since, window) : undefined;
  }
}
