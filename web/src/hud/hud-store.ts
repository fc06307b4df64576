import type { ConnectionPhase } from "../net/transport.ts";

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
  rttMs: number | undefined;
  rttJitterMs: number;
  snapshotJitterMs: number;
  interpolationDelayMs: number;
  extrapolatingMs: number;
  correctionsPerSecond: number;
  correctionsTotal: number;
  lastCorrectionMetres: number;
  kBpsDown: number;
  kBpsUp: number;
  serverTick: number;
  ackInputSeq: number;
  pendingInputs: number;
  frameMsP50: number;
  frameMsP95: number;
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

/**
 * A tiny external store for React's useSyncExternalStore: the game loop publishes a fresh HudState a few times a
 * second, and only then does React re-render. The 60 Hz loop never touches React state directly.
 */
export class HudStore {
  private state: HudState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: HudState) {
    this.state = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): HudState => this.state;

  publish(state: HudState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
