import { addCounters, noCounters, quantile, type Quantiles, type RoomCounters, type RoomFigures } from "./room-figures.ts";

/**
 * The counters of room runs that have ended (a room that emptied and was evicted, or reported a new run): kept by
 * whoever keeps figures over time (the directory), so the fleet's counters only grow.
 */
export interface RetiredTotals {
  counters: RoomCounters;
  usdTotal: number;
  /** Runs retired. */
  runs: number;
}

/** Everything `/api/admin/metrics` says, summed over live rooms and retired runs. */
export interface FleetFigures {
  /** Live rooms by kind. */
  roomsByKind: Record<string, number>;
  /** Connected players by kind. */
  playersByKind: Record<string, number>;
  /** The worst live room's tick work quantiles (an operator is paged by the slowest room, not the average one). */
  tickWorkMs: Quantiles;
  /** Round trips over every connected player of every live room. */
  rttMs: Quantiles;
  /** Live rooms' counters plus the retired ones. */
  counters: RoomCounters;
  /** What the live rooms cost per hour now. */
  usdPerHour: number;
  /** Dollars spent so far: live runs plus retired. */
  usdTotal: number;
}

export function noRetiredTotals(): RetiredTotals {
  return { counters: noCounters(), usdTotal: 0, runs: 0 };
}

/** `retired` plus the last figures of a run that ended. */
export function retire(retired: RetiredTotals, last: RoomFigures): RetiredTotals {
  return { counters: addCounters(retired.counters, last.counters), usdTotal: retired.usdTotal + last.cost.usdTotal, runs: retired.runs + 1 };
}

/** The fleet: each live room's latest figures, plus what retired runs counted. */
export function aggregateFigures(live: readonly RoomFigures[], retired: RetiredTotals): FleetFigures {
  const roomsByKind: Record<string, number> = {};
  const playersByKind: Record<string, number> = {};
  const rtts: number[] = [];
  let counters = retired.counters;
  let usdPerHour = 0;
  let usdTotal = retired.usdTotal;
  const tickWorkMs = { p50: 0, p99: 0 };
  for (const room of live) {
    roomsByKind[room.kind] = (roomsByKind[room.kind] ?? 0) + 1;
    playersByKind[room.kind] = (playersByKind[room.kind] ?? 0) + room.players;
    for (const player of room.perPlayer) if (player.rttMs !== null) rtts.push(player.rttMs);
    counters = addCounters(counters, room.counters);
    usdPerHour += room.cost.usdPerHour;
    usdTotal += room.cost.usdTotal;
    tickWorkMs.p50 = Math.max(tickWorkMs.p50, room.tickWorkMs.p50);
    tickWorkMs.p99 = Math.max(tickWorkMs.p99, room.tickWorkMs.p99);
  }
  return { roomsByKind, playersByKind, tickWorkMs, rttMs: { p50: quantile(rtts, 0.5), p99: quantile(rtts, 0.99) }, counters, usdPerHour, usdTotal };
}
