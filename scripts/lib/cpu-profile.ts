import { writeFileSync } from "node:fs";
import type { Page } from "playwright-core";

/** Sampling interval of the page's profile: fine enough to see a 3 ms frame's parts. */
const SAMPLE_INTERVAL_US = 100;
/** One allocation sample per this many bytes on average (V8's default is 32 kB; finer shows smaller allocators). */
const ALLOCATION_SAMPLING_BYTES = 4096;
/** How many functions the summary lists. */
const TOP = 30;

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * A V8 CPU profile of a page's main thread through the DevTools protocol. `stopAndWrite` saves it (it opens in
 * DevTools' Performance panel) and answers a summary: the functions with the most self time, and with the most
 * total time (self plus what they call), in ms per second of the profile, each with its sample count (summarize).
 */
export async function startCpuProfile(page: Page): Promise<{ stopAndWrite(file: string): Promise<string> }> {
  const session = await page.context().newCDPSession(page);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: SAMPLE_INTERVAL_US });
  await session.send("Profiler.start");
  // Allocations too, those a minor GC collected included: the garbage a frame leaves is what makes the scavenges
  // that land in some frames.
  await session.send("HeapProfiler.enable");
  await session.send("HeapProfiler.startSampling", { samplingInterval: ALLOCATION_SAMPLING_BYTES, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
  return {
    async stopAndWrite(file: string) {
      const { profile } = (await session.send("Profiler.stop")) as unknown as { profile: Profile };
      const { profile: allocations } = (await session.send("HeapProfiler.stopSampling")) as unknown as { profile: AllocationProfile };
      await session.detach();
      writeFileSync(file, JSON.stringify(profile));
      const seconds = (profile.endTime - profile.startTime) / 1e6;
      return `CPU profile written to ${file}\n${summarize(profile)}\n${summarizeAllocations(allocations, seconds)}`;
    },
  };
}

interface AllocationNode {
  callFrame: ProfileNode["callFrame"];
  selfSize: number;
  children: AllocationNode[];
}
interface AllocationProfile {
  head: AllocationNode;
}

/** The functions that allocate the most (sampled), in kB per second. */
function summarizeAllocations(profile: AllocationProfile, seconds: number): string {
  const bytes = new Map<string, number>();
  const visit = (node: AllocationNode) => {
    const name = label(node.callFrame);
    bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const all = [...bytes.values()].reduce((a, b) => a + b, 0);
  const top = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return [`allocations (kB per second, sampled; ${(all / 1024 / seconds).toFixed(0)} in all):`, ...top.map(([name, size]) => `  ${(size / 1024 / seconds).toFixed(1).padStart(7)}  ${name}`)].join("\n");
}

function label(callFrame: ProfileNode["callFrame"]): string {
  const { functionName, url, lineNumber } = callFrame;
  const file = url.split("/").pop() || "(native)";
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

/** A function's share of the profile: wall-clock ms (summed sample intervals) and the samples that saw it. */
interface Tally {
  ms: number;
  samples: number;
}

/**
 * The self-time and total-time tables. Each row's ms are the sample intervals summed, which is wall clock: on a
 * loaded machine a thread descheduled between two samples charges its wait to whatever was on the stack. So each
 * row also gives its sample count (one per ~SAMPLE_INTERVAL_US while the thread ran), the better estimate of CPU.
 */
export function summarize(profile: Profile): string {
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (node: ProfileNode) => label(node.callFrame);
  const self = new Map<string, Tally>();
  const total = new Map<string, Tally>();
  const add = (tallies: Map<string, Tally>, name: string, ms: number) => {
    const tally = tallies.get(name) ?? { ms: 0, samples: 0 };
    tally.ms += ms;
    tally.samples++;
    tallies.set(name, tally);
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    add(self, nameOf(nodes.get(id)!), ms);
    // Each function on the stack once, however often it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = nameOf(nodes.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      add(total, name, ms);
    }
  });
  const table = (title: string, tallies: Map<string, Tally>) =>
    [
      `${title} (ms per second of ${seconds.toFixed(1)} s, wall clock; samples, of ${profile.samples.length}):`,
      ...[...tallies]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, TOP)
        .map(([name, { ms, samples }]) => `  ${(ms / seconds).toFixed(2).padStart(7)}  ${String(samples).padStart(7)}  ${name}`),
    ].join("\n");
  return `${table("self time", self)}\n${table("total time", total)}`;
}
