import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime/stime (USER_HZ: 100 on every Linux this project runs on). */
const USER_HZ = 100;

/**
 * CPU seconds (user + system) used so far by process `pid` and all its descendants, from /proc (Linux only):
 * for wrangler dev, that is the workerd that runs the room. Diff two reads for the CPU of a window.
 */
export function treeCpuSeconds(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command (which may hold spaces) start at the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  let ticks = 0;
  const wanted = new Set([pid]);
  // Parents have lower pids than children almost always, but not surely: repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, stat] of stats) if (!wanted.has(id) && wanted.has(stat.ppid)) (wanted.add(id), (grew = true));
  }
  for (const id of wanted) ticks += stats.get(id)?.ticks ?? 0;
  return ticks / USER_HZ;
}
