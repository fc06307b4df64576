import type { HudPlayer, HudState, HudStore } from "../hud/hud-store.ts";
import type { FrameTimings } from "../loop/frame-timings.ts";
import type { LinkConditions } from "../net/link-conditions.ts";
import type { RoomClient } from "../net/room-client.ts";
import { fallbackColor } from "../render/player-color.ts";
import { SettledFrames, shownRtt } from "../hud/settling.ts";

/** HUD refreshes per second: 4 keeps numbers readable (60 Hz would flicker) and React work negligible. */
const PUBLISH_INTERVAL_MS = 250;
/** Join/leave lines stay on screen this long: long enough to read, gone before they clutter the view. */
const EVENT_SHOWN_MS = 8000;
/** Frame-time percentiles over the last ~4 s at 60 fps. */
const FRAME_WINDOW = 240;

/** Turns the netcode's live state into HudState snapshots, a few times a second. */
export class HudPublisher {
  private lastPublishAt = -Infinity;
  /** The last published player list, reused while nothing in it changed (React skips the list then). */
  private lastPlayers: HudPlayer[] = [];
  /** The frame figures leave out the first second (settling.ts); it starts with the publisher, i.e. the session. */
  private readonly settled = new SettledFrames(performance.now());

  constructor(
    private readonly roomCode: string,
    private readonly client: RoomClient,
    private readonly timings: FrameTimings,
    private readonly link: LinkConditions,
  ) {}

  maybePublish(now: number, store: HudStore): void {
    if (now - this.lastPublishAt < PUBLISH_INTERVAL_MS) return;
    this.lastPublishAt = now;
    store.publish(this.build(now));
  }

  build(now = performance.now()): HudState {
    const client = this.client;
    const players = client.players();
    const selfId = client.selfEntityId;
    const hudPlayers = this.stable(
      players.map((p) => ({
        entityId: p.entityId,
        name: p.name,
        color: p.color ?? fallbackColor(p.playerId || p.entityId),
        self: p.entityId === selfId,
      })),
    );
    const frameCount = this.settled.samplesToRead(now, this.timings.count, FRAME_WINDOW);
    const frames = frameCount === undefined ? undefined : this.timings.workSamples(frameCount).sort((a, b) => a - b);
    return {
      roomCode: this.roomCode,
      phase: client.phase,
      phaseDetail: client.phaseDetail,
      players: hudPlayers,
      events: client.events.lines.filter((e) => Date.now() - e.at < EVENT_SHOWN_MS).map((e) => e.text),
      net: {
        snapshotsPerSecond: client.snapshotRate.perSecond(now),
        rttMs: shownRtt(client.ping.rttMs, client.ping.sampleCount),
        rttJitterMs: client.ping.jitterMs,
        snapshotJitterMs: client.timeline.jitterMs,
        interpolationDelayMs: client.timeline.delayMs,
        extrapolatingMs: client.extrapolatingMs,
        correctionsPerSecond: client.correctionRate.perSecond(now),
        correctionsTotal: client.predictor.corrections,
        lastCorrectionMetres: client.predictor.lastCorrectionMetres,
        snapsTotal: client.predictor.snaps,
        lastSnapMetres: client.predictor.lastSnapMetres,
        kBpsDown: client.bytesDown.perSecond(now) / 1024,
        kBpsUp: client.bytesUp.perSecond(now) / 1024,
        serverTick: client.serverTick,
        ackInputSeq: client.ackInputSeq,
        pendingInputs: client.predictor.pendingCount,
        frameMsP50: frames && percentile(frames, 0.5),
        frameMsP95: frames && percentile(frames, 0.95),
        lagMs: this.link.lagMs,
        jitterMs: this.link.jitterMs,
      },
    };
  }

  private stable(players: HudPlayer[]): HudPlayer[] {
    const previous = this.lastPlayers;
    if (players.length === previous.length && players.every((p, i) => samePlayer(p, previous[i]))) return previous;
    this.lastPlayers = players;
    return players;
  }
}

function samePlayer(a: HudPlayer, b: HudPlayer | undefined): boolean {
  return b !== undefined && a.entityId === b.entityId && a.name === b.name && a.color === b.color && a.self === b.self;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
