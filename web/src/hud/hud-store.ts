import type { ConnectionPhase } from "../net/transport.ts";
import type { ExternalStore } from "./external-store.ts";

/** One row of the player list. */
export interface HudPlayer {
  entityId: string;
  name: string;
  color: string;
  self: boolean;
}

/** The net-graph's figures. */
export interface NetGraphFigures {
  snapshotsPerSecond: number;
  /** Undefined ("—") until three pongs were measured (settling.ts). */
  rttMs: number | undefined;
  rttJitterMs: number;
  snapshotJitterMs: number;
  interpolationDelayMs: number;
  extrapolatingMs: number;
  correctionsPerSecond: number;
  correctionsTotal: number;
  lastCorrectionMetres: number;
  /** Server-side moves of the own body (a respawn), snapped to and counted apart from corrections. */
  snapsTotal: number;
  lastSnapMetres: number;
  kBpsDown: number;
  kBpsUp: number;
  serverTick: number;
  ackInputSeq: number;
  pendingInputs: number;
  /** Undefined ("—") in the first second after load (settling.ts). */
  frameMsP50: number | undefined;
  frameMsP95: number | undefined;
  lagMs: number;
  jitterMs: number;
}

/** Everything the HUD shows, as one immutable value per publish. */
export interface HudState {
  roomCode: string;
  phase: ConnectionPhase;
  phaseDetail: string | undefined;
  players: HudPlayer[];
  events: string[];
  net: NetGraphFigures;
}

/** The HUD's store: the game loop publishes a HudState a few times a second (HudPublisher). */
export type HudStore = ExternalStore<HudState>;
