import { Channel } from "@edgehold/protocol";
import { InputBit, TICK_RATE, WORLD_HALF_EXTENT } from "@edgehold/sim-core";
import { installDebugHook, type DebugAvatar, type DebugState } from "../debug/debug-hook.ts";
import { BuildController } from "../features/build/build-controller.ts";
import { CombatController } from "../features/combat/combat-controller.ts";
import { ChatController } from "../features/chat/chat-controller.ts";
import { ExternalStore } from "../hud/external-store.ts";
import type { HudStore } from "../hud/hud-store.ts";
import { JoystickState } from "../input/joystick-state.ts";
import { KeyboardInput } from "../input/keyboard.ts";
import { FixedStepPacer } from "../loop/fixed-step-pacer.ts";
import { FrameLoop } from "../loop/frame-loop.ts";
import { FrameTimings } from "../loop/frame-timings.ts";
import { readKinematics, type Kinematics } from "../net/kinematics.ts";
import type { LinkConditions } from "../net/link-conditions.ts";
import { presenceById } from "../net/presence.ts";
import { RoomClient } from "../net/room-client.ts";
import { sessionResumeStore } from "../net/resume-store.ts";
import type { QualityPreference } from "../render/render-quality.ts";
import { SceneRenderer } from "../render/scene-renderer.ts";
import { createWorldView, type WorldView } from "../render/world-view.ts";
import { createSim } from "../sim/load-sim.ts";
import { chatDebugState } from "../features/chat/chat-debug.ts";
import { HudPublisher } from "./hud-publisher.ts";
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
}

/**
 * One room on screen: the composition root that wires netcode (RoomClient), view (SceneRenderer), input and the
 * single rAF loop together. `dispose()` undoes everything it set up.
 */
export class GameSession {
  readonly hud: HudStore;
  readonly joystick = new JoystickState();
  private readonly client: RoomClient;
  private readonly renderer: SceneRenderer;
  private readonly keyboard: KeyboardInput;
  private readonly build: BuildController;
  readonly combat: CombatController;
  readonly chat: ChatController;
  private readonly pacer = new FixedStepPacer(1000 / TICK_RATE, MAX_STEPS_PER_FRAME);
  private readonly timings = new FrameTimings();
  private readonly loop: FrameLoop;
  private readonly view: WorldView = createWorldView(WORLD_HALF_EXTENT);
  private readonly sampled = new Map<string, Kinematics>();
  private readonly publisher: HudPublisher;
  private readonly removeDebugHook: () => void;
  private disposed = false;

  private constructor(options: GameSessionOptions, client: RoomClient) {
    this.client = client;
    // The renderer first: it is what can fail (no WebGL), before anything else holds listeners or timers.
    this.renderer = new SceneRenderer(options.container, this.view, options.quality);
    this.keyboard = new KeyboardInput();
    this.build = new BuildController(this.renderer.canvas, () => this.renderer.camera);
    this.renderer.addLayer(this.build.root);
    this.combat = new CombatController({
      canvas: this.renderer.canvas,
      container: options.container,
      camera: () => this.renderer.camera,
      webgl: this.renderer.webgl,
      client,
      view: this.view,
      building: () => this.build.mode.active,
      frames: () => this.timings.count,
    });
    this.renderer.addLayer(this.combat.root);
    this.chat = new ChatController(client, options.container);
    this.publisher = new HudPublisher(options.roomCode, client, this.timings, options.link);
    this.hud = new ExternalStore(this.publisher.build());
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
    this.build.dispose();
    this.combat.dispose();
    this.chat.dispose();
    this.client.dispose();
    this.renderer.dispose();
  }

  private frame(now: number, elapsedMs: number): void {
    this.pacer.paceForInputQueue(this.client.inputQueue);
    const steps = this.pacer.advance(now);
    const bits = this.keyboard.bits() | this.joystick.bits();
    // A queued build action rides the first input simulated this frame (none: it waits for the next frame's).
    for (let i = 0; i < steps; i++) {
      const aim = this.combat.takeFire();
      this.client.step(aim ? bits | InputBit.fire : bits, i === 0 ? this.build.takeAction() : undefined, aim);
    }
    this.build.frame(now, this.client);
    this.client.update(now, elapsedMs);
    this.client.sampleRemote(now, this.sampled);
    const presence = presenceById(this.client.replica);
    syncWorldView(this.view, this.sampled, this.client, this.pacer.alpha, presence);
    this.combat.frame(now, this.sampled, this.pacer.alpha, presence);
    this.chat.pose(now, this.view);
    this.combat.pose(now);
    this.renderer.frame(now);
    this.chat.place(now, this.view, this.renderer.camera);
    this.publisher.maybePublish(now, this.hud);
  }

  private debugState(): DebugState {
    const client = this.client;
    const selfId = client.selfEntityId;
    const selfView = selfId === undefined ? undefined : this.view.avatars.get(selfId);
    const server = selfId === undefined ? undefined : readKinematics(client.replica.get(Channel.movement)?.get(selfId));
    const avatars: DebugAvatar[] = [];
    for (const a of this.view.avatars.values()) avatars.push({ id: a.id, name: a.name, x: a.x, y: a.y, self: a.self, pitch: a.pose?.pitch ?? 0 });
    return {
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
      build: {
        active: this.build.mode.active,
        hover: this.build.mode.hover && { tx: this.build.mode.hover.tx, ty: this.build.mode.hover.ty },
        ghostRefusal: this.build.ghostRefusal ?? null,
        structures: [...(client.replica.get("build")?.values() ?? [])].map((s) => ({ tx: Number(s.tx), ty: Number(s.ty), kind: String(s.kind) })),
      },
      combat: this.combat.debug(),
      chat: chatDebugState(this.chat),
    };
  }
}
