/**
 * A page's frame time p95 is "slow" above this: under 30 frames a second, where movement visibly stutters (the
 * game draws at the display's rate, 60 Hz or more, when it keeps up).
 */
const SLOW_FRAME_MS = 1000 / 30;

/** A table cell with a reported frame time p95 (`—` before the first report); `data-ms` holds the figure as sent. */
export function FrameTime({ ms, testId }: { ms: number | null; testId: string }) {
  return (
    <td data-testid={testId} data-ms={ms ?? ""} className={ms !== null && ms > SLOW_FRAME_MS ? "error" : undefined}>
      {ms === null ? "—" : `${ms.toFixed(1)} ms`}
    </td>
  );
}
