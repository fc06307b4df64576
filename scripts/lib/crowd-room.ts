import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Page } from "playwright-core";
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

/** "connected/all", and why the others are not, e.g. "731/999 (closed: 268× never connected)". */
export function connectedSummary(bots: readonly Bot[]): string {
  const closes = new Map<string, number>();
  for (const bot of bots) {
    if (bot.connected) continue;
    const why = bot.closeCode === undefined ? "never connected" : `${bot.closeCode} ${bot.closeReason}`.trim();
    closes.set(why, (closes.get(why) ?? 0) + 1);
  }
  const connected = bots.length - [...closes.values()].reduce((sum, n) => sum + n, 0);
  return `${connected}/${bots.length}${closes.size > 0 ? ` (closed: ${[...closes].map(([why, n]) => `${n}× ${why}`).join(", ")})` : ""}`;
}

/**
 * Waits until the page's roster holds everyone connected (`everyone()`, read again each poll: bots can drop while the
 * page loads) and, when `drawsEveryone` (a room without views), draws them all; a room with views draws only who is
 * near, so one avatar (its own) is enough there. Returns the roster and the avatars drawn; throws with both after
 * `timeoutMs`.
 */
export async function waitForCrowd(page: Page, everyone: () => number, drawsEveryone: boolean, timeoutMs = 90_000): Promise<{ roster: number; drawn: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await page.evaluate(() => {
      const state = window.__edgehold?.state();
      return { roster: state?.players ?? 0, drawn: state?.avatars.length ?? 0, phase: state?.phase ?? "no hook" };
    });
    const n = everyone();
    if (seen.roster >= n && seen.drawn >= (drawsEveryone ? n : 1)) return { roster: seen.roster, drawn: seen.drawn };
    if (Date.now() > deadline) throw new Error(`the page (${seen.phase}) holds a roster of ${seen.roster} and draws ${seen.drawn}, of ${n} connected, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
