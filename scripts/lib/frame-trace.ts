/**
 * Reads per-frame main-thread figures out of a Chromium performance trace (the JSON `browser.stopTracing()` returns
 * when traced with the `devtools.timeline` category).
 *
 * Each `FireAnimationFrame` event is one run of the page's requestAnimationFrame callbacks on the renderer's main
 * thread. It carries two durations: `dur` (wall clock, what `performance.now()` around the callback sees) and `tdur`
 * (thread CPU time: the time the main thread actually executed, which excludes time the OS had it descheduled and
 * time it sat blocked on an IPC to the GPU process). On a small box that also runs the server and 63 bots, and
 * renders through software WebGL in another process, the two differ a lot in the tail; the script prints both.
 */
export interface AnimationFrameCost {
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { frame?: string; message?: string; frames?: { frame: string; isOutermostMainFrame?: boolean }[] } };
}

/**
 * Costs of the animation frames that contain a `console.timeStamp(mark)` — the page marks the frames it draws, so
 * callbacks its fps cap skips (a few microseconds each) do not flatter the percentiles.
 */
export function animationFrameCosts(traceJson: string, mark: string): AnimationFrameCost[] {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainFrame = findMainFrameId(events);
  const marks = events.filter((event) => event.name === "TimeStamp" && event.args?.data?.message === mark);
  const costs: AnimationFrameCost[] = [];
  for (const event of events) {
    if (event.name !== "FireAnimationFrame" || event.ph !== "X" || event.dur === undefined) continue;
    if (mainFrame !== undefined && event.args?.data?.frame !== mainFrame) continue;
    const end = event.ts + event.dur;
    const drawn = marks.some((m) => m.pid === event.pid && m.tid === event.tid && m.ts >= event.ts && m.ts <= end);
    if (drawn) costs.push({ wallMs: event.dur / 1000, cpuMs: (event.tdur ?? Number.NaN) / 1000 });
  }
  return costs;
}

/** The page's top frame, from `TracingStartedInBrowser`, so callbacks of other frames (none today) are not counted. */
function findMainFrameId(events: readonly TraceEvent[]): string | undefined {
  for (const event of events) {
    if (event.name !== "TracingStartedInBrowser") continue;
    return event.args?.data?.frames?.find((frame) => frame.isOutermostMainFrame)?.frame;
  }
  return undefined;
}

/**
 * How long (ms) the page's main thread was busy in the trace, frames or not: the union of the spans of every
 * traced event on the thread that runs the animation frames (socket messages, React renders, style, layout and
 * paint run in tasks outside requestAnimationFrame; nested events count once). Wall time, so on a loaded box it
 * also holds time the thread was descheduled mid-task.
 */
export function mainThreadBusyMs(traceJson: string): number {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const frame = events.find((event) => event.name === "FireAnimationFrame");
  if (!frame) return Number.NaN;
  const spans = events
    .filter((event) => event.ph === "X" && event.dur !== undefined && event.pid === frame.pid && event.tid === frame.tid)
    .map((event) => [event.ts, event.ts + event.dur!] as const)
    .sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    busy += to - Math.max(from, end);
    end = to;
  }
  return busy / 1000;
}
