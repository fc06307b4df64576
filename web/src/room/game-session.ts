import { Channel, telemetryFeature, type WorldRules } from "@edgehold/protocol";
import { TICK_RATE, WORLD_HALF_EXTENT } from "@edgehold/sim-core";
import { installDebugHook, type DebugAvatar, type DebugState } from "../debug/debug-hook.ts";
import type { AnyClientFeature } from "../features/client-feature.ts";
import type { FrameState } from "../features/feature-session.ts";
import { ExternalStore } from "../hud/external-store.ts";
import type { HudStore } from "../hud/hud-store.ts";
import { JoystickState } from "../input/joystick-state.ts";
import { KeyboardInput } from "../input/keyboard.ts";
import { FixedStepPacer } from "../loop/fixed-step-pacer.ts";
import { FrameLoop } from "../loop/frame-loop.ts";
import { FrameTimings } from "../loop/frame-timings.ts";
import { readKinematics, type Kinematics } from "../net/kinematics.ts";
import type { LinkConditions } from "../net/link-conditions.ts";
import { PresenceByIdCache, type PresenceInfo } from "../net/presence.ts";
import { RoomClient } from "../net/room-client.ts";
import { sessionResumeStore } from "../net/resume-store.ts";
import type { QualityPreference } from "../render/render-quality.ts";
import { fadingAvatars } from "../render/avatar-fade.ts";
import { SceneRenderer } from "../render/scene-renderer.ts";
import { createWorldView, type WorldView } from "../render/world-view.ts";
import { createSim } from "../sim/load-sim.ts";
import { sceneryOf } from "../sim/world-scenery.ts";
import { FeatureControllers, type FeatureHud } from "./feature-controllers.ts";
import { HudPublisher } from "./hud-publisher.ts";
import { TelemetryReporter } from "../features/telemetry/telemetry-reporter.ts";
import { syncWorldView } from "./world-view-sync.ts";

/**
 * A fixed-step backlog of 4 steps (133 ms) absorbs a slow frame or two; anything longer (a background tab) is
 * dropped, so the player never sees a burst of stale key presses replayed.
 */
const MAX_STEPS_PER_FRAME = 4;

export interface GameSessionOptions {
  roomCode: string;
  container: HTMLElement;
  /** Builds the socket URL for an attempt (identity, name, resume token). */
  socketUrl(resumeToken: string | undefined): Promise<string>;
  /** Clerk mode: fresh session tokens for `session.refresh` (the open socket must not outlive its token). */
  sessionToken?: (options?: { skipCache?: boolean }) => Promise<string | null>;
  link: LinkConditions;
  quality: QualityPreference;
  /** The page's features (CLIENT_FEATURES; a test page adds its own). */
  features: readonly AnyClientFeature[];
}

/** This frame's drawn entities, presence and step alpha: rewritten each frame, read by the features' hooks. */
interface MutableFrameState extends FrameState {
  presence: ReadonlyMap<string, PresenceInfo>;
  alpha: number;
}

/**
 * One room on screen: the composition root that wires netcode (RoomClient), view (SceneRenderer), input, the
 * features' controllers and the single rAF loop together. It names no feature. `dispose()` undoes everything it
 * set up.
 */
export class GameSession {
  readonly hud: HudStore;
  readonly joystick = new JoystickState();
  /** The features' HUD elements, in registry order (GameView draws them over the scene). */
  readonly featureHuds: readonly FeatureHud[];
  private readonly client: RoomClient;
  private readonly renderer: SceneRenderer;
  private readonly keyboard: KeyboardInput;
  private readonly controllers: FeatureControllers;
  private readonly pacer = new FixedStepPacer(1000 / TICK_RATE, MAX_STEPS_PER_FRAME);
  private readonly timings = new FrameTimings();
  private readonly loop: FrameLoop;
  private readonly view: WorldView = createWorldView(WORLD_HALF_EXTENT);
  private readonly sampled = new Map<string, Kinematics>();
  private readonly frameState: MutableFrameState = { sampled: this.sampled, presence: new Map(), alpha: 0 };
  private readonly presence = new PresenceByIdCache();
  private readonly publisher: HudPublisher;
  private readonly telemetry: TelemetryReporter;
  private readonly removeDebugHook: () => void;
  private disposed = false;
  /** The welcome's world the renderer was last given (a new room's or a reconnect's welcome may differ). */
  private drawnWorld: WorldRules | undefined;

  private constructor(options: GameSessionOptions, client: RoomClient) {
    this.client = client;
    // The renderer first: it is what can fail (no WebGL), before anything else holds listeners or timers.
    this.renderer = new SceneRenderer(options.container, this.view, options.quality);
    this.keyboard = new KeyboardInput();
    try {
      this.controllers = new FeatureControllers(options.features, {
        client,
        canvas: this.renderer.canvas,
        container: options.container,
        camera: () => this.renderer.camera,
        webgl: this.renderer.webgl,
        addLayer: (root) => this.renderer.addLayer(root),
        view: this.view,
        frame: this.frameState,
        frames: () => this.timings.count,
        keys: window,
      });
    } catch (error) {
      this.keyboard.dispose();
      this.renderer.dispose();
      throw error;
    }
    this.featureHuds = this.controllers.huds;
    this.publisher = new HudPublisher(options.roomCode, client, this.timings, options.link);
    this.hud = new ExternalStore(this.publisher.build());
    this.telemetry = new TelemetryReporter(
      // The net graph as last published (at most 250 ms old), not a rebuild of the whole HUD state.
      () => this.hud.getSnapshot().net,
      (payload) => client.sendCommand(telemetryFeature.name, "report", payload),
    );
    this.loop = new FrameLoop((now, elapsed) => this.frame(now, elapsed), this.timings, this.renderer.maxFps);
    this.removeDebugHook = installDebugHook({
      state: () => this.debugState(),
      frameTimes: () => this.timings.workSamples(),
      frameIntervals: () => this.timings.intervalSamples(),
      frames: () => this.timings.count,
    });
    this.loop.start();
  }

  /** Loads the simulation, then connects and starts drawing. */
  static async start(options: GameSessionOptions): Promise<GameSession> {
    const sim = await createSim();
    const client = new RoomClient({
      roomCode: options.roomCode,
      socketUrl: options.socketUrl,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
      sim,
      link: options.link,
      resumeStore: sessionResumeStore(),
      features: options.features,
    });
    try {
      return new GameSession(options, client);
    } catch (error) {
      // No WebGL, say: do not leave a connected player behind an error message.
      client.dispose();
      throw error;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loop.stop();
    this.removeDebugHook();
    this.keyboard.dispose();
    this.controllers.dispose();
    this.client.dispose();
    this.renderer.dispose();
  }

  private frame(now: number, elapsedMs: number): void {
    this.pacer.paceForInputQueue(this.client.inputQueue);
    const steps = this.pacer.advance(now);
    const bits = this.keyboard.bits() | this.joystick.bits();
    for (let i = 0; i < steps; i++) this.client.step(bits, this.controllers.inputParts());
    this.client.update(now, elapsedMs);
    this.client.sampleRemote(now, this.sampled);
    this.frameState.presence = this.presence.read(this.client.replica, this.client.channelVersion(Channel.presence));
    this.frameState.alpha = this.pacer.alpha;
    syncWorldView(this.view, this.sampled, this.client, this.pacer.alpha, this.frameState.presence, now);
    this.drawWorld();
    this.controllers.frame(now);
    this.renderer.frame(now);
    this.controllers.afterDraw(now);
    this.publisher.maybePublish(now, this.hud);
    this.telemetry.maybeReport(now);
  }

  /** Hands the renderer the room's world (size, scenery, interest radius) when a welcome brings a new one. */
  private drawWorld(): void {
    const welcome = this.client.welcome;
    // A reconnect's welcome brings an equal world: nothing to rebuild.
    if (!welcome || sameWorld(welcome.world, this.drawnWorld)) return;
    this.drawnWorld = welcome.world;
    this.renderer.setWorld(welcome.world.maxTile + 1, welcome.interestRadius, sceneryOf(welcome.world));
  }

  private debugState(): DebugState {
    const client = this.client;
    const selfId = client.selfEntityId;
    const selfView = selfId === undefined ? undefined : this.view.avatars.get(selfId);
    const server = selfId === undefined ? undefined : readKinematics(client.replica.get(Channel.movement)?.get(selfId));
    const avatars: DebugAvatar[] = [];
    for (const a of this.view.avatars.values()) avatars.push({ id: a.id, name: a.name, x: a.x, y: a.y, self: a.self, pitch: a.pose?.pitch ?? 0, held: a.held });
    // The sections are the controllers' `debug()`, each of the shape its feature declares in DebugSections.
    return {
      ...this.controllers.debugSections(),
      roomCode: client.welcome?.roomCode ?? "",
      phase: client.phase,
      playerId: client.welcome?.playerId,
      entityId: selfId,
      resumed: client.welcome?.resumed ?? false,
      players: client.players().length,
      self: selfView ? { x: selfView.x, y: selfView.y } : undefined,
      selfServer: server ? { x: server.x, y: server.y } : undefined,
      corrections: client.predictor.corrections,
      lastCorrectionMetres: client.predictor.lastCorrectionMetres,
      snaps: client.predictor.snaps,
      lastSnapMetres: client.predictor.lastSnapMetres,
      pendingInputs: client.predictor.pendingCount,
      ackInputSeq: client.ackInputSeq,
      serverTick: client.serverTick,
      avatars,
      fading: fadingAvatars(this.view),
      scenerySeed: client.welcome?.world.scenerySeed,
      sceneryDrawn: this.renderer.sceneryDrawn(),
      render: this.renderer.drawnLastFrame(),
    } as DebugState;
  }
}

function sameWorld(a: WorldRules, b: WorldRules | undefined): boolean {
  return b !== undefined && a.minTile === b.minTile && a.maxTile === b.maxTile && a.scenerySeed === b.scenerySeed;
}
