import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime/stime (USER_HZ: 100 on every Linux this project runs on). */
const USER_HZ = 100;

/** One process of a tree: its command name (/proc's `comm`) and CPU seconds used so far. */
export interface TreeProcess {
  pid: number;
  comm: string;
  cpuSeconds: number;
}

/** Process `pid` and all its descendants, from /proc (Linux only). */
function processTree(pid: number): TreeProcess[] {
  const stats = new Map<number, { ppid: number; comm: string; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command (which may hold spaces) start at the last ")".
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf("(") + 1, close), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const wanted = new Set([pid]);
  // Parents have lower pids than children almost always, but not surely: repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, stat] of stats) if (!wanted.has(id) && wanted.has(stat.ppid)) (wanted.add(id), (grew = true));
  }
  return [...wanted].flatMap((id) => {
    const stat = stats.get(id);
    return stat ? [{ pid: id, comm: stat.comm, cpuSeconds: stat.ticks / USER_HZ }] : [];
  });
}

/**
 * CPU seconds (user + system) used so far by process `pid` and all its descendants: for wrangler dev, that is the
 * workerd that runs the room, wrangler's proxy and wrangler itself. Diff two reads for the CPU of a window.
 */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, process) => sum + process.cpuSeconds, 0);
}

/**
 * CPU seconds used so far by the workerd that runs the worker's Durable Objects under the `wrangler dev` rooted at
 * `pid`: wrangler starts two, and the one listening on the public dev port (`--socket-addr=entry=…:<port>`) is its
 * proxy, which every frame passes through; the other runs the room. The shared benchmark's "room process CPU" is the
 * same process. Undefined when no such workerd runs.
 */
export function roomProcessCpuSeconds(pid: number, publicPort: number): number | undefined {
  const room = workerdProcesses(pid, publicPort).room;
  return room.length === 0 ? undefined : room.reduce((sum, process) => sum + process.cpuSeconds, 0);
}

/** The two kinds of workerd under the `wrangler dev` rooted at `pid` (see roomProcessCpuSeconds): its proxy's and the room's. */
export function workerdProcesses(pid: number, publicPort: number): { proxy: TreeProcess[]; room: TreeProcess[] } {
  const proxy = new RegExp(`entry=\\S*:${publicPort}(\\s|$)`);
  const workerds = processTree(pid).filter((process) => process.comm === "workerd");
  return {
    proxy: workerds.filter((process) => proxy.test(commandLine(process.pid))),
    room: workerds.filter((process) => !proxy.test(commandLine(process.pid))),
  };
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
