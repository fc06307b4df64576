/**
 * One process of a BotFleet (scripts/lib/bot-fleet.ts): runs the bots it is told to join and answers its parent's
 * requests over the IPC channel. Started by BotFleet, never by hand.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Bot } from "./bot.ts";
import type { BotReading, FleetAnswer, FleetRequest, ProcessReading } from "./bot-fleet.ts";

/** The delay monitor's timer period (ms): its samples are this plus the delay, which is what is reported. */
const LOOP_DELAY_RESOLUTION_MS = 10;

/** A join not welcomed within this long counts as refused (a stalled server must not hang the ramp). */
const WELCOME_TIMEOUT_MS = 30_000;

const bots: Bot[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
loopDelay.enable();
let window = { startedAt: performance.now(), cpu: process.cpuUsage() };

process.on("message", (request: FleetRequest) => {
  // After "stop" the channel closes once the answer is out; the process then exits when the sockets have closed and
  // nothing else is scheduled (the bots' timers stopped with them).
  const sent = () => request.op === "stop" && process.disconnect();
  void answer(request).then(
    (answered) => process.send!({ id: request.id, ...answered } satisfies FleetAnswer, undefined, {}, sent),
    (error: Error) => process.send!({ id: request.id, error: error.message } satisfies FleetAnswer, undefined, {}, sent),
  );
});
// The parent is gone (it crashed, or it asked us to stop): nobody will read these bots.
process.on("disconnect", () => {
  for (const bot of bots) bot.stop();
});

async function answer(request: FleetRequest): Promise<Omit<FleetAnswer, "id">> {
  switch (request.op) {
    case "join": {
      const fresh = request.bots.map(({ index, delayMs }) => {
        const playerId = `${request.idPrefix}-${index}`;
        const url = `${request.wsBase}?playerId=${playerId}&name=${encodeURIComponent(`${request.idPrefix} ${index}`)}&codec=${request.codec}`;
        const bot = new Bot(url, playerId, request.codec, 0x9e3779b9 ^ (index * 2654435761), true, { perMessageDeflate: request.deflate });
        return { bot, delayMs };
      });
      bots.push(...fresh.map(({ bot }) => bot));
      // Each bot starts at its delay, but no more than `inFlight` wait for their welcome at once: a server slower to
      // admit than the schedule then sets the pace, instead of a pile of pending upgrades starving the room.
      const startedAt = performance.now();
      const failures: string[] = [];
      let next = 0;
      const joiner = async () => {
        for (let i = next++; i < fresh.length; i = next++) {
          const { bot, delayMs } = fresh[i]!;
          await sleep(startedAt + delayMs - performance.now());
          failures.push(...(await welcomeOf(bot)));
          bot.setFiring(request.firing);
        }
      };
      await Promise.all(Array.from({ length: Math.min(request.inFlight, fresh.length) }, joiner));
      return { failures };
    }
    case "reset":
      for (const bot of bots) bot.resetMeasurements();
      loopDelay.reset();
      window = { startedAt: performance.now(), cpu: process.cpuUsage() };
      return {};
    case "read":
      return { reading: read() };
    case "stop":
      for (const bot of bots) bot.stop();
      return {};
  }
}

/** Starts `bot`; [] once it has its welcome, else why not (refused, or no answer within WELCOME_TIMEOUT_MS). */
async function welcomeOf(bot: Bot): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([`no welcome within ${WELCOME_TIMEOUT_MS} ms`]), WELCOME_TIMEOUT_MS)));
  const welcome = bot.start().then(
    () => [],
    (error: Error) => [error.message],
  );
  try {
    return await Promise.race([welcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function read(): ProcessReading {
  const seconds = (performance.now() - window.startedAt) / 1000;
  const cpu = process.cpuUsage(window.cpu);
  const errorCodes: Record<string, number> = {};
  for (const bot of bots) for (const [code, n] of bot.errorCodes) errorCodes[code] = (errorCodes[code] ?? 0) + n;
  const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
  return {
    seconds,
    bots: bots.map(
      (bot): BotReading => ({
        snapshots: bot.snapshots,
        bytesDown: bot.bytesDown,
        connected: bot.connected,
        ...(bot.closeCode === undefined ? {} : { closeCode: bot.closeCode, closeReason: bot.closeReason }),
      }),
    ),
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    loopDelayMs: { p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
    errorCodes,
  };
}
