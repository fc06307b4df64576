import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Bot } from "./bot.ts";

/** What `POST /api/rooms` answers (201) about the room it made. */
export interface CreatedRoom {
  code: string;
  kind: string;
  capacity: number;
}

/**
 * Makes a room of `kind` through the API, as the lobby does (dev mode: the caller is `X-Player-Id`, who owns it), and
 * returns its code and capacity. Throws with the server's answer when it is not a 201.
 */
export async function createRoom(baseUrl: string, kind: string, owner: string): Promise<CreatedRoom> {
  const response = await fetch(new URL("/api/rooms", baseUrl), {
    method: "POST",
    headers: { "X-Player-Id": owner, "Content-Type": "application/json" },
    body: JSON.stringify({ kind }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/rooms { kind: ${JSON.stringify(kind)} }: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as CreatedRoom;
}

/**
 * Whether the bots kept up while the page was measured: snapshots each received per second (a room sends 10; a bot
 * process whose event loop saturates reads fewer, late) and this process's event-loop delay. Many bots in one Node
 * process on a small box can starve themselves; then the page is measured against a crowd that moves less than it
 * should, and the figure says so.
 */
export class BotHealth {
  /** The monitor's timer period (ms): its samples are this plus the delay, which is what is reported. */
  private static readonly RESOLUTION_MS = 10;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: BotHealth.RESOLUTION_MS });
  private readonly startCounts: number[];
  private readonly startedAt = performance.now();

  constructor(private readonly bots: readonly Bot[]) {
    this.startCounts = bots.map((bot) => bot.snapshots);
    this.loopDelay.enable();
  }

  /** One line: snapshots/s per connected bot (min, median) and the event loop's delay (p50, p99, max), since construction. */
  summary(): string {
    this.loopDelay.disable();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const rates = this.bots
      .map((bot, i) => ({ bot, rate: (bot.snapshots - this.startCounts[i]!) / seconds }))
      .filter(({ bot }) => bot.connected)
      .map(({ rate }) => rate)
      .sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)] ?? Number.NaN;
    const ms = (ns: number) => Math.max(0, ns / 1e6 - BotHealth.RESOLUTION_MS).toFixed(0);
    return (
      `bots' snapshots/s while measured: min ${(rates[0] ?? Number.NaN).toFixed(1)}, median ${median.toFixed(1)} (the room sends 10); ` +
      `bot process event-loop delay p50/p99/max ${ms(this.loopDelay.percentile(50))}/${ms(this.loopDelay.percentile(99))}/${ms(this.loopDelay.max)} ms`
    );
  }
}
