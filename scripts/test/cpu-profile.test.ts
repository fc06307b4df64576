// The CPU profile summary of scripts/frame-cost.ts --profile: ms are summed wall-clock sample intervals, so each row
// also counts its samples (a thread descheduled on a loaded machine charges its wait to whatever was on the stack).
import { describe, expect, it } from "vitest";
import { summarize, type Profile, type ProfileNode } from "../lib/cpu-profile.ts";

const node = (id: number, functionName: string, children: number[] = []): ProfileNode => ({
  id,
  callFrame: { functionName, url: "http://localhost/assets/game.js", lineNumber: id, columnNumber: 0 },
  children,
});

/** One table's row for `name`: its ms per second and its sample count. */
function row(summary: string, table: "self time" | "total time", name: string): { msPerSecond: number; samples: number } {
  const lines = summary.split("\n");
  const start = lines.findIndex((line) => line.startsWith(table));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith("  "));
  const found = lines.slice(start + 1, end === -1 ? undefined : end).find((line) => line.includes(` ${name} `));
  const [msPerSecond, samples] = found!.trim().split(/\s+/);
  return { msPerSecond: Number(msPerSecond), samples: Number(samples) };
}

describe("CPU profile summary", () => {
  it("gives each function its wall-clock ms and its sample count, which tell a busy function from a descheduled one", () => {
    // One second: readSocket sampled once, then the thread was off the CPU for 50 ms; stepSim ran for 10 samples
    // 100 µs apart. By ms readSocket looks 50 times busier; its samples show it ran a tenth as often.
    const profile: Profile = {
      nodes: [node(1, "(root)", [2]), node(2, "frame", [3, 4]), node(3, "stepSim"), node(4, "readSocket")],
      samples: [4, ...Array<number>(10).fill(3)],
      timeDeltas: [0, 50_000, ...Array<number>(9).fill(100)],
      startTime: 0,
      endTime: 1_000_000,
    };
    const summary = summarize(profile);
    expect(row(summary, "self time", "readSocket")).toEqual({ msPerSecond: 50, samples: 1 });
    expect(row(summary, "self time", "stepSim")).toEqual({ msPerSecond: 1, samples: 10 });
    expect(row(summary, "total time", "frame")).toEqual({ msPerSecond: 51, samples: 11 });
    expect(summary).toContain("samples, of 11");
  });
});
